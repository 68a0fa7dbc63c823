//! The classification rules on small documents, and Cargo's version rules. The pinned reports of
//! whole spec pairs are in `tests/semver/` (`cargo test -p tests --test suite semver::`).

use super::*;

fn report(old: &str, new: &str) -> Report {
    let generate =
        |text: &str| crate::generate_from_str(text, "api.yaml", &crate::Config::default()).expect("generates");
    generate(new).api_changes_since(&generate(old))
}

/// A document with one response-side struct `Pet`, one operation and an open enum.
fn pets(pet_schema: &str, extra_paths: &str) -> String {
    format!(
        "openapi: 3.0.3
info: {{title: Pets, version: '1'}}
paths:
  /pets:
    get:
      operationId: listPets
      tags: [pets]
      responses:
        '200': {{description: ok, content: {{application/json: {{schema: {{$ref: '#/components/schemas/Pet'}}}}}}}}
{extra_paths}components:
  schemas:
    Pet: {pet_schema}
"
    )
}

fn lines(report: &Report) -> Vec<String> {
    report
        .changes()
        .iter()
        .map(|change| format!("{}: {} {}", change.class.as_str(), change.item, change.change))
        .collect()
}

#[test]
fn the_same_document_changes_nothing() {
    let spec = pets("{type: object, properties: {name: {type: string}}}", "");
    let report = report(&spec, &spec);
    assert_eq!(report.changes(), &[]);
    assert_eq!(report.bump(), Bump::None);
}

#[test]
fn a_field_made_required_is_breaking_with_its_types_and_the_required_list() {
    let old = pets("{type: object, properties: {name: {type: string}}}", "");
    let new = pets("{type: object, required: [name], properties: {name: {type: string}}}", "");
    let report = report(&old, &new);
    // The struct had no field to set, so it implemented `Default`; now it has one.
    assert_eq!(
        lines(&report),
        [
            "breaking: Pet field `name` is now required (Option<String> -> String)",
            "breaking: Pet no longer implements `Default`"
        ]
    );
    let change = &report.changes()[0];
    assert_eq!((change.spec, change.pointer.to_string()), (Spec::New, "#/components/schemas/Pet/required".to_owned()));
    assert_eq!(report.bump(), Bump::Major);
}

#[test]
fn optional_and_required_nullable_are_both_option_so_the_change_is_a_warning() {
    // `id` is required on both sides, so neither implements `Default` and only `name` changes.
    let old = pets("{type: object, required: [id], properties: {id: {type: string}, name: {type: string}}}", "");
    let new = pets(
        "{type: object, required: [id, name], properties: {id: {type: string}, name: {type: string, nullable: true}}}",
        "",
    );
    let report = report(&old, &new);
    assert_eq!(report.changes().len(), 1, "{:?}", lines(&report));
    assert_eq!(report.changes()[0].class, Class::Warning);
    assert!(report.changes()[0].change.contains("sent as `null`"), "{:?}", lines(&report));
}

#[test]
fn limits_narrowed_warn_widened_do_not_and_their_constants_are_api() {
    let with = |limit: &str| pets(&format!("{{type: object, properties: {{name: {{type: string{limit}}}}}}}"), "");
    let narrowed = report(&with(", maxLength: 64"), &with(", maxLength: 32"));
    assert_eq!(
        lines(&narrowed),
        ["warning: Pet field `name` limit `maxLength` narrowed: `validate` may reject values it accepted (64 -> 32)"]
    );
    let widened = report(&with(", maxLength: 32"), &with(", maxLength: 64"));
    assert_eq!(widened.changes()[0].class, Class::None);
    assert_eq!(widened.bump(), Bump::Patch);
    let count = |limit: &str| pets(&format!("{{type: object, properties: {{count: {{type: integer{limit}}}}}}}"), "");
    let exclusive = report(&count(", minimum: 1"), &count(", minimum: 1, exclusiveMinimum: true"));
    assert_eq!(exclusive.changes()[0].class, Class::Warning, "{:?}", lines(&exclusive));
    let removed = report(&with(", maxLength: 32"), &with(""));
    assert_eq!(
        lines(&removed),
        [
            "breaking: Pet field `name` limit constant `NAME_MAX_LENGTH` is removed",
            "none: Pet field `name` limit `maxLength` 32 is removed (widened)",
        ]
    );
    assert_eq!(removed.changes()[0].spec, Spec::Old);
}

#[test]
fn a_value_of_an_open_enum_is_additive_and_of_an_enum_made_open_breaking() {
    let old = pets("{type: string, enum: [cat, dog]}", "");
    let new = pets("{type: string, enum: [cat, dog, bird]}", "");
    let added = report(&old, &new);
    assert_eq!(
        lines(&added),
        ["additive: Pet variant `Bird` is added (`bird`): the value was read as `Other` before; the type is \
             `#[non_exhaustive]`, so every `match` on it already has a `_` arm"]
    );
    assert_eq!(added.bump(), Bump::Minor);
    // A one-value enum inline on a property is a constant, closed; with a second value it is
    // open: the old crate's matches had no `_` arm, so both the new variant and `Other` break them.
    let kind =
        |values: &str| pets(&format!("{{type: object, properties: {{kind: {{type: string, enum: [{values}]}}}}}}"), "");
    let opened = lines(&report(&kind("cat"), &kind("cat, dog")));
    assert!(!opened.is_empty() && opened.iter().all(|line| line.starts_with("breaking: ")), "{opened:?}");
}

#[test]
fn renamed_types_are_a_removal_and_an_addition_with_a_hint() {
    let old = pets(
        "{$ref: '#/components/schemas/Animal'}\n    Animal: {type: object, properties: {name: {type: string}}}",
        "",
    );
    let new = pets(
        "{$ref: '#/components/schemas/Creature'}\n    Creature: {type: object, properties: {name: {type: string}}}",
        "",
    );
    let report = report(&old, &new);
    let removed = report.changes().iter().find(|c| c.item == "Animal").expect("removal");
    assert_eq!(removed.class, Class::Breaking);
    assert!(removed.hint.as_deref().is_some_and(|hint| hint.contains("`Creature`")), "{removed:?}");
    let added = report.changes().iter().find(|c| c.item == "Creature").expect("addition");
    assert_eq!((added.class, added.spec), (Class::Additive, Spec::New));
}

#[test]
fn operations_methods_and_features_added_are_additive() {
    let pet = "{type: object, properties: {name: {type: string}}}";
    let store = "  /stores:
    get:
      operationId: listStores
      tags: [stores]
      responses: {'204': {description: none}}
";
    let report = report(&pets(pet, ""), &pets(pet, store));
    assert_eq!(report.bump(), Bump::Minor, "{:?}", lines(&report));
    let items: Vec<&str> = report.changes().iter().map(|change| change.item.as_str()).collect();
    assert!(items.contains(&"operations::ListStores"), "{items:?}");
    assert!(items.contains(&"cargo feature `stores`"), "{items:?}");
    assert!(items.iter().any(|item| item.starts_with("client::")), "{items:?}");
}

#[test]
fn cargo_rules_for_versions() {
    let v = |text: &str| text.parse::<Version>().expect("a version");
    assert_eq!(Bump::Major.next(v("1.4.2")), v("2.0.0"));
    assert_eq!(Bump::Major.next(v("0.1.3")), v("0.2.0"));
    assert_eq!(Bump::Major.next(v("0.0.3")), v("0.0.4"));
    assert_eq!(Bump::Minor.next(v("1.4.2")), v("1.5.0"));
    assert_eq!(Bump::Minor.next(v("0.1.3")), v("0.1.4"));
    assert_eq!(Bump::Patch.next(v("1.4.2")), v("1.4.3"));
    assert!(Bump::Major.allows(v("0.1.3"), v("0.2.0")));
    assert!(!Bump::Major.allows(v("0.1.3"), v("0.1.9")));
    assert!(!Bump::Major.allows(v("1.1.3"), v("1.9.0")));
    assert!(Bump::Major.allows(v("0.0.3"), v("0.0.4")));
    assert!(Bump::Minor.allows(v("0.1.3"), v("0.1.4")));
    assert!(!Bump::Minor.allows(v("1.1.3"), v("1.1.4")));
    assert!(!Bump::Patch.allows(v("1.1.3"), v("1.1.3")));
    assert!(Bump::None.allows(v("1.1.3"), v("1.1.3")));
    assert!("1.2".parse::<Version>().is_err());
    assert!("1.2.x".parse::<Version>().is_err());
}

#[test]
fn the_text_ends_with_the_verdict_and_json_carries_the_gate() {
    let old = pets("{type: object, properties: {name: {type: string}}}", "");
    let new = pets("{type: object, required: [name], properties: {name: {type: string}}}", "");
    let report = report(&old, &new);
    let gate = Gate { old: "0.1.0".parse().expect("version"), new: "0.1.1".parse().expect("version") };
    let text = report.render_text(&|_, _| Some(7), Some(gate));
    assert!(text.starts_with("breaking: Pet field `name` is now required (Option<String> -> String) — new spec: #/components/schemas/Pet/required (line 7)\n"), "{text}");
    assert!(
        text.ends_with("error: version 0.1.0 -> 0.1.1 is not enough: a major bump needs at least 0.2.0\n"),
        "{text}"
    );
    let json: serde_json::Value = serde_json::from_str(&report.render_json(&|_, _| None, Some(gate))).expect("JSON");
    assert_eq!(json["bump"], "major");
    assert_eq!(json["gate"]["allowed"], false);
    assert_eq!(json["changes"][0]["pointer"], "#/components/schemas/Pet/required");
}

#[test]
fn a_property_renamed_to_the_same_rust_name_is_a_warning_about_the_wire() {
    let old = pets("{type: object, required: [id], properties: {id: {type: string}, petName: {type: string}}}", "");
    let new = pets("{type: object, required: [id], properties: {id: {type: string}, pet_name: {type: string}}}", "");
    assert_eq!(
        lines(&report(&old, &new)),
        ["warning: Pet field `pet_name` is now read and written as `pet_name` (was `petName`)"]
    );
}

#[test]
fn a_changelog_section_groups_the_changes() {
    let old = pets(
        "{type: object, required: [id], properties: {id: {type: string}, age: {type: string}, nickname: {type: string}}}",
        "",
    );
    let store = "  /stores:\n    get:\n      operationId: listStores\n      tags: [stores]\n      responses: {'204': {description: none}}\n";
    let new = pets(
        "{type: object, required: [id, name], properties: {id: {type: string, maxLength: 8}, age: {type: integer}, name: {type: string}}}",
        store,
    );
    let section = report(&old, &new).changelog_section("0.2.0");
    let headings: Vec<&str> = section.lines().filter(|line| line.starts_with('#')).collect();
    assert_eq!(headings, ["## 0.2.0", "### Breaking", "### Removed", "### Added", "### Changed"], "{section}");
    assert!(section.contains("- `Pet` field `nickname` is removed (was Option<String>) (old spec: `#/components/schemas/Pet/properties/nickname`)"), "{section}");
    assert!(section.contains("- cargo feature `stores` is added (on by default)"), "{section}");
    assert_eq!(report(&old, &old).changelog_section("0.2.0"), "");
}

/// The document of [`pets`] with an operation that sends `NewPet` (request-side, so it has a
/// builder when it has a field to set) and takes the query parameters `query`.
fn adoption(new_pet: &str, query: &str) -> String {
    let adopt = format!(
        "  /adoptions:
    post:
      operationId: adoptPet
      tags: [pets]
      parameters: [{query}]
      requestBody:
        required: true
        content: {{application/json: {{schema: {{$ref: '#/components/schemas/NewPet'}}}}}}
      responses: {{'204': {{description: adopted}}}}
"
    );
    pets(&format!("{{type: object, properties: {{name: {{type: string}}}}}}\n    NewPet: {new_pet}"), &adopt)
}

#[test]
fn a_field_added_to_a_non_exhaustive_struct_is_additive_unless_a_builder_must_set_it() {
    let old = adoption("{type: object, required: [name], properties: {name: {type: string}}}", "");
    // Optional, on a struct with a builder: the builder leaves it `None`.
    let optional =
        adoption("{type: object, required: [name], properties: {name: {type: string}, age: {type: integer}}}", "");
    assert_eq!(
        lines(&report(&old, &optional)),
        ["additive: NewPet field `age` is added (Option<i64>): the struct is `#[non_exhaustive]`, so code outside \
          the crate builds it only through `builders::NewPetBuilder`, where the field starts unset"]
    );
    // Required, on the same struct: `build()` needs it.
    let required =
        adoption("{type: object, required: [name, age], properties: {name: {type: string}, age: {type: integer}}}", "");
    let required = report(&old, &required);
    assert_eq!(
        lines(&required),
        ["breaking: NewPet field `age` is added, required (i64): `builders::NewPetBuilder` must set it before \
          `build()` compiles"]
    );
    assert_eq!(required.bump(), Bump::Major);
    // Required but nullable: the builder starts it `None`, a value it may keep.
    let nullable = adoption(
        "{type: object, required: [name, age], properties: {name: {type: string}, age: {type: integer, nullable: true}}}",
        "",
    );
    let nullable = report(&old, &nullable);
    assert_eq!(nullable.changes()[0].class, Class::Additive, "{:?}", lines(&nullable));
    // Required, on a struct only received (`Pet`): nothing outside the crate builds it.
    let old = pets("{type: object, required: [id], properties: {id: {type: string}}}", "");
    let new = pets("{type: object, required: [id, name], properties: {id: {type: string}, name: {type: string}}}", "");
    let received = report(&old, &new);
    assert_eq!(received.changes()[0].class, Class::Additive, "{:?}", lines(&received));
    assert_eq!(received.bump(), Bump::Minor);
}

#[test]
fn a_parameter_added_breaks_the_operations_new_only_when_required() {
    let old = adoption("{type: object, required: [name], properties: {name: {type: string}}}", "");
    let with = |required: bool| {
        adoption(
            "{type: object, required: [name], properties: {name: {type: string}}}",
            &format!("{{name: shelter, in: query, required: {required}, schema: {{type: string}}}}"),
        )
    };
    let optional = report(&old, &with(false));
    let query = optional.changes().iter().find(|c| c.item == "operations::AdoptPet field `query`").expect("the field");
    assert_eq!(query.class, Class::Additive, "{:?}", lines(&optional));
    assert_eq!(optional.bump(), Bump::Minor, "{:?}", lines(&optional));
    let required = report(&old, &with(true));
    let query = required.changes().iter().find(|c| c.item == "operations::AdoptPet field `query`").expect("the field");
    assert_eq!(
        (query.class, query.change.as_str()),
        (
            Class::Breaking,
            "is added (operations::AdoptPetQuery): `operations::AdoptPet::new` takes its required parameters as \
             new arguments"
        )
    );
    // `new` itself: one argument more.
    assert!(
        lines(&required)
            .iter()
            .any(|line| line.starts_with("breaking: operations::AdoptPet::new takes (shelter: String")),
        "{:?}",
        lines(&required)
    );
    assert!(!lines(&optional).iter().any(|line| line.contains("::new takes")), "{:?}", lines(&optional));
    // A required parameter added to a query the operation already has is a field of its
    // parameter struct, which the operation's `new` takes.
    let more = adoption(
        "{type: object, required: [name], properties: {name: {type: string}}}",
        "{name: shelter, in: query, required: false, schema: {type: string}}, \
         {name: city, in: query, required: true, schema: {type: string}}",
    );
    assert!(
        lines(&report(&with(false), &more)).contains(
            &"breaking: operations::AdoptPetQuery field `city` is added, required (String): \
              `operations::AdoptPet::new` takes it as a new argument"
                .to_owned()
        ),
        "{:?}",
        lines(&report(&with(false), &more))
    );
}

#[test]
fn a_struct_made_non_exhaustive_breaks_literals_and_one_made_exhaustive_allows_them() {
    // The generator makes every struct `#[non_exhaustive]`, so two documents cannot show this:
    // the surfaces are made by hand.
    let spec = pets("{type: object, properties: {name: {type: string}}}", "");
    let ir = crate::lower::lowered(&spec);
    let surface = |non_exhaustive: bool| {
        let mut surface = surface::Surface::of(&ir);
        surface.types.get_mut("Pet").expect("Pet").non_exhaustive = non_exhaustive;
        surface
    };
    let classes = |old: bool, new: bool| -> Vec<(Class, String)> {
        diff::diff(&surface(old), &surface(new)).into_iter().map(|change| (change.class, change.change)).collect()
    };
    assert_eq!(
        classes(false, true),
        [(
            Class::Breaking,
            "is now `#[non_exhaustive]`: a struct literal of it outside the crate no longer compiles".to_owned()
        )]
    );
    assert_eq!(classes(true, false)[0].0, Class::Additive);
    // On an exhaustive struct, an optional field added breaks the literals that do not name it.
    let old = surface(false);
    let mut new = surface(false);
    let surface::Shape::Struct(fields) = &mut new.types.get_mut("Pet").expect("Pet").shape else { panic!("a struct") };
    let mut age = fields[0].clone();
    age.rust_name = "age".to_owned();
    fields.push(age);
    let added = diff::diff(&old, &new);
    assert_eq!(added[0].class, Class::Breaking, "{added:?}");
    assert!(added[0].hint.as_deref().is_some_and(|hint| hint.contains("not `#[non_exhaustive]`")), "{added:?}");
}
