//! Vietnamese banks a farmer can be paid at, keyed by the BIN that VietQR carries.
//!
//! BINs and legal names checked against github.com/xuannghia/vietnam-qr-pay `src/constants/banks.ts`
//! (commit 17a05d3, 2026-07-20; it follows the api.vietqr.io/v2/banks list) and, for the 9704xx card BINs,
//! github.com/subiz/vietqr `bank_generated.go`. VBSP 999888 is in the api.vietqr.io/v2/banks list only.

/// A bank as shown in the bank picker.
#[derive(Debug, PartialEq, Eq)]
pub struct Bank {
    pub bin: &'static str,
    pub short_name: &'static str,
    /// Legal name in Vietnamese.
    pub name: &'static str,
}

/// Sorted by `short_name`.
pub const BANKS: &[Bank] = &[
    Bank { bin: "970425", short_name: "ABBANK", name: "Ngân hàng TMCP An Bình" },
    Bank { bin: "970416", short_name: "ACB", name: "Ngân hàng TMCP Á Châu" },
    Bank {
        bin: "970405", short_name: "Agribank", name: "Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam"
    },
    Bank { bin: "970418", short_name: "BIDV", name: "Ngân hàng TMCP Đầu tư và Phát triển Việt Nam" },
    Bank { bin: "970454", short_name: "BVBank", name: "Ngân hàng TMCP Bản Việt" },
    Bank { bin: "970409", short_name: "Bac A Bank", name: "Ngân hàng TMCP Bắc Á" },
    Bank { bin: "970438", short_name: "BaoViet Bank", name: "Ngân hàng TMCP Bảo Việt" },
    Bank {
        bin: "546034",
        short_name: "CAKE",
        name: "Ngân hàng số CAKE by VPBank - Ngân hàng TMCP Việt Nam Thịnh Vượng",
    },
    Bank { bin: "970446", short_name: "Co-opBank", name: "Ngân hàng Hợp tác xã Việt Nam" },
    Bank { bin: "970431", short_name: "Eximbank", name: "Ngân hàng TMCP Xuất Nhập khẩu Việt Nam" },
    Bank { bin: "970437", short_name: "HDBank", name: "Ngân hàng TMCP Phát triển Thành phố Hồ Chí Minh" },
    Bank { bin: "970452", short_name: "Kienlongbank", name: "Ngân hàng TMCP Kiên Long" },
    Bank {
        bin: "970449",
        short_name: "LPBank",
        name: "Ngân hàng TMCP Lộc Phát Việt Nam (trước là Ngân hàng TMCP Bưu điện Liên Việt, LienVietPostBank)",
    },
    Bank { bin: "970422", short_name: "MB Bank", name: "Ngân hàng TMCP Quân đội" },
    Bank { bin: "970426", short_name: "MSB", name: "Ngân hàng TMCP Hàng Hải" },
    Bank { bin: "970419", short_name: "NCB", name: "Ngân hàng TMCP Quốc Dân" },
    Bank { bin: "970428", short_name: "Nam A Bank", name: "Ngân hàng TMCP Nam Á" },
    Bank { bin: "970448", short_name: "OCB", name: "Ngân hàng TMCP Phương Đông" },
    Bank { bin: "970412", short_name: "PVcomBank", name: "Ngân hàng TMCP Đại Chúng Việt Nam" },
    Bank { bin: "970443", short_name: "SHB", name: "Ngân hàng TMCP Sài Gòn - Hà Nội" },
    Bank { bin: "970403", short_name: "Sacombank", name: "Ngân hàng TMCP Sài Gòn Thương Tín" },
    Bank { bin: "970400", short_name: "Saigonbank", name: "Ngân hàng TMCP Sài Gòn Công Thương" },
    Bank { bin: "970440", short_name: "SeABank", name: "Ngân hàng TMCP Đông Nam Á" },
    Bank { bin: "970423", short_name: "TPBank", name: "Ngân hàng TMCP Tiên Phong" },
    Bank { bin: "970407", short_name: "Techcombank", name: "Ngân hàng TMCP Kỹ thương Việt Nam" },
    Bank { bin: "963388", short_name: "Timo", name: "Ngân hàng số Timo by Bản Việt Bank" },
    Bank { bin: "999888", short_name: "VBSP", name: "Ngân hàng Chính sách Xã hội" },
    Bank { bin: "970441", short_name: "VIB", name: "Ngân hàng TMCP Quốc tế Việt Nam" },
    Bank { bin: "970432", short_name: "VPBank", name: "Ngân hàng TMCP Việt Nam Thịnh Vượng" },
    Bank { bin: "970427", short_name: "VietABank", name: "Ngân hàng TMCP Việt Á" },
    Bank { bin: "970436", short_name: "Vietcombank", name: "Ngân hàng TMCP Ngoại Thương Việt Nam" },
    Bank { bin: "970415", short_name: "VietinBank", name: "Ngân hàng TMCP Công thương Việt Nam" },
    Bank {
        bin: "970406",
        short_name: "Vikki Bank",
        name: "Ngân hàng TNHH MTV Số Vikki (trước là Ngân hàng TMCP Đông Á, DongA Bank)",
    },
];

/// The bank with this BIN.
pub fn bank(bin: &str) -> Option<&'static Bank> {
    BANKS.iter().find(|b| b.bin == bin)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bins_are_six_digits_and_unique() {
        let mut bins: Vec<&str> = BANKS.iter().map(|b| b.bin).collect();
        assert!(bins.iter().all(|b| b.len() == 6 && b.bytes().all(|c| c.is_ascii_digit())));
        bins.sort_unstable();
        bins.dedup();
        assert_eq!(bins.len(), BANKS.len());
    }

    #[test]
    fn sorted_by_short_name() {
        assert!(BANKS.windows(2).all(|w| w[0].short_name < w[1].short_name));
    }

    #[test]
    fn finds_and_misses() {
        assert_eq!(bank("970405").map(|b| b.short_name), Some("Agribank"));
        assert_eq!(bank("970405").map(|b| b.name), Some("Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam"));
        assert_eq!(bank("999888").map(|b| b.short_name), Some("VBSP"));
        assert_eq!(bank("970449").map(|b| b.short_name), Some("LPBank"));
        assert_eq!(bank("123456"), None);
        assert_eq!(bank(""), None);
    }
}
