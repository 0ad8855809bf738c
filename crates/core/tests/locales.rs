//! Keeps every language in step with Vietnamese: same message ids, same attributes, same
//! variables, and no line Fluent cannot parse.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use fluent_syntax::parser;
use langso_core::learning::pack::PackError;
use langso_core::learning::topic::Topic;
use langso_core::replica::merge::Rejection;
use langso_core::role::Role;
use langso_core::validate::{Field, Invalid, Rule};
use langso_core::{Error, Localizer};

/// For each message or term: its attribute names and the variables it uses.
type Shape = BTreeMap<String, (BTreeSet<String>, BTreeSet<String>)>;

fn locales_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../locales")
}

fn shape_of(lang: &Path) -> Shape {
    let mut shape = Shape::new();
    let mut files: Vec<_> = std::fs::read_dir(lang).expect("locale dir").map(|e| e.expect("entry").path()).collect();
    files.sort();
    for file in files.into_iter().filter(|f| f.extension().is_some_and(|e| e == "ftl")) {
        let text = std::fs::read_to_string(&file).expect("read ftl");
        let resource = parser::parse(text.as_str())
            .unwrap_or_else(|(_, errors)| panic!("{}: Fluent syntax errors: {errors:?}", file.display()));
        for entry in resource.body {
            let (id, value, attributes) = match entry {
                Entry::Message(m) => (m.id.name.to_owned(), m.value, m.attributes),
                Entry::Term(t) => (format!("-{}", t.id.name), Some(t.value), t.attributes),
                Entry::Junk { content } => panic!("{}: unparsable: {content}", file.display()),
                _ => continue,
            };
            let mut vars = BTreeSet::new();
            if let Some(p) = &value {
                collect_vars(p, &mut vars);
            }
            let mut attrs = BTreeSet::new();
            for a in &attributes {
                attrs.insert(a.id.name.to_owned());
                collect_vars(&a.value, &mut vars);
            }
            let previous = shape.insert(id.clone(), (attrs, vars));
            assert!(previous.is_none(), "{}: {id} is defined twice", file.display());
        }
    }
    shape
}

fn collect_vars(pattern: &Pattern<&str>, vars: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            collect_expression(expression, vars);
        }
    }
}

fn collect_expression(expression: &Expression<&str>, vars: &mut BTreeSet<String>) {
    match expression {
        Expression::Select { selector, variants } => {
            collect_inline(selector, vars);
            for v in variants {
                collect_vars(&v.value, vars);
            }
        }
        Expression::Inline(inline) => collect_inline(inline, vars),
    }
}

fn collect_inline(inline: &InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match inline {
        InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_owned());
        }
        InlineExpression::Placeable { expression } => collect_expression(expression, vars),
        InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                collect_inline(a, vars);
            }
            for a in &arguments.named {
                collect_inline(&a.value, vars);
            }
        }
        _ => {}
    }
}

#[test]
fn every_language_has_the_same_messages_attributes_and_variables_as_vietnamese() {
    let mut shapes: BTreeMap<String, Shape> = std::fs::read_dir(locales_dir())
        .expect("locales/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .map(|p| (p.file_name().expect("name").to_string_lossy().into_owned(), shape_of(&p)))
        .collect();
    let vi = shapes.remove("vi").expect("locales/vi exists");
    assert!(shapes.contains_key("en"), "locales/en exists");
    assert!(!vi.is_empty());
    for (lang, shape) in &shapes {
        let only_vi: Vec<_> = vi.keys().filter(|k| !shape.contains_key(*k)).collect();
        let only_other: Vec<_> = shape.keys().filter(|k| !vi.contains_key(*k)).collect();
        assert!(only_vi.is_empty(), "{lang} lacks {only_vi:?}");
        assert!(only_other.is_empty(), "{lang} has ids Vietnamese lacks: {only_other:?}");
        for (id, expected) in &vi {
            assert_eq!(&shape[id], expected, "{lang}: {id} differs from vi in attributes or variables");
        }
    }
}

#[test]
fn every_message_the_core_uses_exists_in_every_language() {
    let l10n = Localizer::embedded();
    let mut ids: Vec<String> = Topic::ALL.iter().map(|t| t.message_id()).collect();
    ids.extend(Field::ALL.iter().map(|f| f.message_id()));
    ids.extend([Role::Villager, Role::Volunteer, Role::Farmer, Role::Official].map(Role::message_id));
    let rules = [
        Rule::Empty,
        Rule::TooLong { max: 1 },
        Rule::Range { min: 0, max: 1 },
        Rule::Money { min: 0, max: 1 },
        Rule::Phone,
        Rule::Pin,
        Rule::Unknown,
        Rule::Consent,
        Rule::Format,
        Rule::Order,
        Rule::Duplicate,
    ];
    ids.extend(rules.into_iter().map(|r| Invalid::new(Field::Name, r).message_id().to_owned()));
    let errors = [
        Error::UnknownLanguage("xx".into()),
        Error::WrongPin,
        Error::Schema(String::new()),
        Error::Storage(rusqlite::Error::InvalidQuery),
    ];
    ids.extend(errors.iter().map(|e| e.message_id().to_owned()));
    let rejections = [
        Rejection::UnknownTable(String::new()),
        Rejection::WrongType(String::new()),
        Rejection::TooLong(String::new()),
        Rejection::ClockDrift,
        Rejection::Retired(String::new()),
    ];
    ids.extend(rejections.iter().map(|r| r.message_id().to_owned()));
    let pack_errors = [
        PackError::Missing { file: String::new() },
        PackError::Syntax { file: String::new(), detail: String::new() },
        PackError::MissingTranslation { file: String::new(), field: String::new(), language: String::new() },
        PackError::UnknownLanguage { file: String::new(), field: String::new(), language: String::new() },
        PackError::BadText { file: String::new(), field: String::new() },
        PackError::OutOfRange { file: String::new(), field: String::new() },
        PackError::BadId { file: String::new(), id: String::new() },
        PackError::Duplicate { file: String::new(), value: String::new() },
        PackError::CorrectChoice { file: String::new(), question: 1 },
    ];
    ids.extend(pack_errors.iter().map(|e| e.message_id().to_owned()));
    ids.extend(["error-data-dir", "error-internal"].map(String::from));
    for lang in l10n.languages() {
        for id in &ids {
            assert!(l10n.has_message(lang, id), "{lang} lacks {id}");
        }
    }
}
