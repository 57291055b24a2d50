//! The language of what users read: Bahasa Indonesia by default, English as an option.

/// Output language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Bahasa Indonesia.
    #[default]
    Id,
    /// English.
    En,
}

impl Lang {
    /// Picks the Indonesian or the English text.
    pub fn pick<'a>(self, id: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Id => id,
            Lang::En => en,
        }
    }

    /// Formats a count with the language's thousands separator (`20.000` / `20,000`).
    pub fn count(self, n: u64) -> String {
        let sep = match self {
            Lang::Id => '.',
            Lang::En => ',',
        };
        let digits = n.to_string();
        let mut out = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(sep);
            }
            out.push(c);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::Lang;

    #[test]
    fn counts_use_the_language_separator() {
        assert_eq!(Lang::Id.count(20_000), "20.000");
        assert_eq!(Lang::En.count(1_234_567), "1,234,567");
        assert_eq!(Lang::Id.count(999), "999");
        assert_eq!(Lang::Id.count(0), "0");
    }
}
