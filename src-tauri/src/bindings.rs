//! Generates `ui/src/lib/bindings/commands.ts` from [`crate::commands::signatures`].

use crate::commands::Signature;

fn camel(s: &str) -> String {
    let mut out = String::new();
    let mut up = false;
    for c in s.chars() {
        if c == '_' {
            up = true;
        } else if up {
            out.extend(c.to_uppercase());
            up = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// Type names a TS type expression refers to (to import them).
fn referenced_types(ty: &str, out: &mut Vec<String>) {
    for word in ty.split(|c: char| !c.is_alphanumeric() && c != '_') {
        let builtin = matches!(word, "Array" | "Record" | "Partial" | "Promise");
        if !builtin && word.chars().next().is_some_and(|c| c.is_ascii_uppercase()) && !out.iter().any(|w| w == word) {
            out.push(word.to_string());
        }
    }
}

/// Types a command signature may name that come from `@tauri-apps/api/core`.
const TAURI_TYPES: &[&str] = &["Channel"];

pub fn commands_ts(sigs: &[Signature]) -> String {
    let mut types = vec![];
    for s in sigs {
        referenced_types(&s.ret, &mut types);
        for (_, t) in &s.args {
            referenced_types(t, &mut types);
        }
    }
    types.push("View".to_string());
    types.sort();
    types.dedup();
    // Tauri's own IPC types come from its API package, not from our bindings.
    let tauri_types: Vec<String> = types.iter().filter(|t| TAURI_TYPES.contains(&t.as_str())).cloned().collect();
    types.retain(|t| !TAURI_TYPES.contains(&t.as_str()));
    let mut out = format!(
        "// Generated from src-tauri/src/commands/ by `./dev bindings`. Do not edit.\nimport {{ {} }} from \"@tauri-apps/api/core\";\n",
        std::iter::once("invoke".to_string()).chain(tauri_types.iter().map(|t| format!("type {t}"))).collect::<Vec<_>>().join(", ")
    );
    for t in &types {
        out.push_str(&format!("import type {{ {t} }} from \"./{t}\";\n"));
    }
    out.push_str("\nexport const commands = {\n");
    for s in sigs {
        // Tauri maps camelCase argument keys to the Rust snake_case names.
        let params: Vec<String> = s.args.iter().map(|(n, t)| format!("{}: {t}", camel(n))).collect();
        let keys: Vec<String> = s.args.iter().map(|(n, _)| camel(n)).collect();
        out.push_str(&format!(
            "  {}: ({}) => invoke<{}>(\"{}\", {{{}}}),\n",
            camel(s.name),
            params.join(", "),
            s.ret,
            s.name,
            if keys.is_empty() { String::new() } else { format!(" {} ", keys.join(", ")) }
        ));
    }
    out.push_str("};\n");
    // The core's table of the views each command can make stale (null: unknown,
    // so the UI reloads everything): the UI reloads exactly those after a success.
    out.push_str("\n/** The views each command can make stale (from `conveyor_core::views`); null: reload every view. */\n");
    out.push_str("export const staleViews: Record<string, View[] | null> = {\n");
    for s in sigs {
        let views = match conveyor_core::views::stale_after(s.name) {
            Some(v) => format!("[{}]", v.iter().map(|v| serde_json::to_string(v).unwrap_or_default()).collect::<Vec<_>>().join(", ")),
            None => "null".to_string(),
        };
        out.push_str(&format!("  {}: {views},\n", camel(s.name)));
    }
    out.push_str("};\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::signatures;

    #[test]
    fn commands_ts_is_fresh_and_every_command_has_a_permission() {
        let path = conveyor_core::bindings::committed_dir().join("commands.ts");
        let fresh = commands_ts(&signatures());
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &fresh).unwrap();
        } else {
            let committed = std::fs::read_to_string(&path).unwrap_or_default();
            assert!(committed == fresh, "{} is stale. Run `./dev bindings` and commit the result.", path.display());
        }
        const NAMES: &[&str] = include!("command_names.rs");
        // Each feature module declares its own commands; the list is by name.
        let mut declared: Vec<&str> = signatures().iter().map(|s| s.name).collect();
        let mut listed = NAMES.to_vec();
        declared.sort_unstable();
        listed.sort_unstable();
        let mut unique = declared.clone();
        unique.dedup();
        assert_eq!(unique, declared, "a command is declared twice in src/commands/");
        assert_eq!(declared, listed, "src/command_names.rs must list exactly the commands of src/commands/");
        let caps = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/capabilities/default.json")).unwrap();
        for n in NAMES {
            let perm = format!("\"allow-{}\"", n.replace('_', "-"));
            assert!(caps.contains(&perm), "capabilities/default.json lacks {perm}");
        }
    }

    #[test]
    fn the_core_knows_which_views_every_command_makes_stale() {
        // A command missing from `conveyor_core::views` would make the UI
        // reload everything after it: name its views there.
        for s in signatures() {
            assert!(conveyor_core::views::stale_after(s.name).is_some(), "conveyor_core::views::stale_after does not know `{}`", s.name);
        }
        let ts = commands_ts(&signatures());
        assert!(ts.contains("  dealUpdate: [\"today\", \"board\", \"clients\", \"profile\", \"deal\", \"plan\", \"reports\"],\n"), "{ts}");
        assert!(ts.contains("  boardGet: [],\n"), "{ts}");
    }

    #[test]
    fn imports_cover_every_referenced_type() {
        let ts = commands_ts(&signatures());
        for t in ["AppSession", "Board", "BoardQuery", "Lang", "Person"] {
            assert!(ts.contains(&format!("import type {{ {t} }} from \"./{t}\";")), "{ts}");
        }
        assert!(ts.contains("settingsSetLang: (lang: Lang | null) => invoke<AppSession>(\"settings_set_lang\", { lang }),"), "{ts}");
        assert!(ts.contains("peopleList: () => invoke<Array<Person>>(\"people_list\", {}),"), "{ts}");
        assert!(
            ts.starts_with(
                "// Generated from src-tauri/src/commands/ by `./dev bindings`. Do not edit.\nimport { invoke, type Channel } from \"@tauri-apps/api/core\";\n"
            ),
            "{ts}"
        );
        assert!(!ts.contains("from \"./Channel\""), "{ts}");
        assert!(ts.contains("importRun: (path: string, options: ImportOptions, onProgress: Channel<number>) => invoke<ImportSummary>(\"import_run\", { path, options, onProgress }),"), "{ts}");
    }
}
