//! The HTML document around the app. The server renders `body` (the
//! router) inside it; the browser hydrates the body.

use super::assets::HeadAssets;
use leptos::nonce::use_nonce;
use leptos::prelude::*;
use leptos_meta::MetaTags;

const TEXT_SIZE_FIRST: &str = "try{if(localStorage.getItem('mentorwell-text-size')==='large')\
document.documentElement.setAttribute('data-text','large')}catch(e){}";

/// The HTML document the server sends around `body`.
pub fn document(options: LeptosOptions, body: impl IntoView) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en-GB">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="theme-color" content="#005EB8" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <link rel="manifest" href="/manifest.webmanifest" />
                <link rel="apple-touch-icon" href="/icon-192.png" />
                // Before the first paint, so larger text never flashes small.
                // The nonce (fresh per response, also in the page's
                // Content-Security-Policy) is what lets these scripts run.
                <script nonce=use_nonce() inner_html=TEXT_SIZE_FIRST></script>
                <script nonce=use_nonce() src="/pwa.js" defer></script>
                <AutoReload options=options.clone() />
                <HeadAssets options />
                <MetaTags />
            </head>
            <body>{body}</body>
        </html>
    }
}
