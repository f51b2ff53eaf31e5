//! The hasher of the directory reading's word table.

/// A quick hash for the builder's word table (the multiply-rotate of
/// rustc's own hasher). The words come from approved profiles, not from
/// whoever is asking, so the flooding SipHash guards against is no risk,
/// and reading 100,000 profiles spent a fifth of its time in SipHash.
#[derive(Default)]
pub(super) struct QuickHash(u64);

impl std::hash::Hasher for QuickHash {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}
