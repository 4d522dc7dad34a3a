use super::*;

fn words(text: &str) -> Vec<String> {
    Words::of([text]).iter().map(str::to_owned).collect()
}

#[test]
fn bangla_and_ascii_digits_are_one_word() {
    assert_eq!(words("অর্ডার ৪৫৬৭"), words("অর্ডার 4567"));
    assert!(words("১২৩").contains(&"123".to_owned()));
}

#[test]
fn zero_width_joiners_and_non_joiners_change_nothing() {
    assert_eq!(words("র\u{200D}্যাব"), words("র্যাব"));
    assert_eq!(words("প্রো\u{200C}ডাক্ট"), words("প্রোডাক্ট"));
    assert_eq!(words("ফেরত\u{200B}চাই"), words("ফেরতচাই"));
}

#[test]
fn a_nukta_letter_matches_whether_typed_precomposed_or_not() {
    // য় as one code point (U+09DF) and as য + nukta (U+09AF U+09BC).
    assert_eq!(words("টাকা দেয়নি"), words("টাকা দে\u{09AF}\u{09BC}নি"));
    assert_eq!(words("\u{09DC}"), words("\u{09A1}\u{09BC}"));
}

#[test]
fn khanda_ta_matches_whether_typed_as_one_letter_or_with_a_joiner() {
    assert_eq!(words("হঠাৎ"), words("হঠাত্\u{200D}"));
}

#[test]
fn vowel_signs_and_hasanta_stay_inside_the_word() {
    assert_eq!(words("পণ্য পাইনি।"), vec!["পণ্য", "পাইনি"]);
}

#[test]
fn latin_words_match_in_any_case_and_punctuation_splits_words() {
    assert_eq!(words("Refund, NOT sent!"), vec!["not", "refund", "sent"]);
}

#[test]
fn a_phone_written_with_separators_or_country_code_is_also_its_digits() {
    let found = words("call ০১৭১২-৩৪৫৬৭৮ or +880 1812 345678");
    assert!(found.contains(&"01712345678".to_owned()), "{found:?}");
    assert!(found.contains(&"8801812345678".to_owned()), "{found:?}");
    assert!(found.contains(&"01812345678".to_owned()), "{found:?}");
}

#[test]
fn short_digit_groups_are_not_joined() {
    assert_eq!(words("12 34"), vec!["12", "34"]);
}

#[test]
fn an_overlong_word_is_cut_at_the_limit() {
    let found = words(&"ক".repeat(100));
    assert_eq!(found[0].chars().count(), MAX_WORD_CHARS);
}

#[test]
fn a_known_word_is_also_kept_in_its_other_script() {
    let found = words("বিকাশে টাকা দিয়েছি, ইভ্যালি পণ্য দেয়নি");
    assert!(found.contains(&"evaly".to_owned()), "{found:?}");
    assert!(words("bKash").contains(&"bkash".to_owned()));
}

#[test]
fn no_text_has_no_words() {
    assert!(Words::of(["", " ।,— \u{200C}"]).is_empty());
}

#[test]
fn stored_words_read_back_as_they_were_and_merge_without_repeats() {
    let stored = Words::of(["০১৭১২-৩৪৫৬৭৮ ফেরত"]);
    let mut read = Words::from_stored(&stored.joined());
    assert_eq!(read, stored);
    read.merge(&Words::of(["ফেরত চাই"]));
    assert_eq!(read.iter().filter(|w| *w == "ফেরত").count(), 1);
    assert!(read.iter().any(|w| w == "চাই"));
    assert!(Words::from_stored("").is_empty());
}
