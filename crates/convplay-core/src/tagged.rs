//! Reading the `{ kind: "…", … }` enumerations strictly: no unknown key in any variant.
//!
//! serde ignores extra keys next to the tag of a *unit* variant of an internally tagged enum, even
//! with `deny_unknown_fields` (`{ kind: "same", y: 5 }` reads as `Padding::Same`). So such an enum
//! reads through a private twin ([`strict_tagged!`]) whose unit variants hold [`NoFields`], which
//! refuses every key: `unknown field \`y\`, there are no fields`. (One shared reader for every
//! unit variant keeps the WebAssembly small.)

/// What a unit variant of a strict `{ kind }` enumeration holds besides its tag: nothing.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct NoFields {}

/// Implement `Deserialize` for internally tagged enum `$name` (tag `kind`, camelCase names)
/// through a twin that refuses unknown keys in every variant. List the unit variants, then the
/// struct variants with their fields (and field attributes such as `#[serde(default)]`).
macro_rules! strict_tagged {
    (
        $name:ident { $($unit:ident),* $(,)? }
        $({ $($var:ident { $($(#[$fa:meta])* $f:ident : $t:ty),* $(,)? }),* $(,)? })?
    ) => {
        const _: () = {
            #[derive(serde::Deserialize)]
            #[serde(tag = "kind", rename_all = "camelCase", deny_unknown_fields)]
            enum Strict {
                $($unit($crate::tagged::NoFields),)*
                $($(#[serde(rename_all = "camelCase")] $var { $($(#[$fa])* $f: $t),* },)*)?
            }
            impl<'de> serde::Deserialize<'de> for $name {
                fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
                    Ok(match <Strict as serde::Deserialize>::deserialize(d)? {
                        $(Strict::$unit(_) => $name::$unit,)*
                        $($(Strict::$var { $($f),* } => $name::$var { $($f),* },)*)?
                    })
                }
            }
        };
    };
}
