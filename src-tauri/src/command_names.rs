// The app commands the UI may call. Shared by build.rs (which turns each into
// an `allow-…` permission) and by the test that checks it matches commands.rs.
&[
    "app_state",
    "workspace_open",
    "workspace_create",
    "workspace_open_demo",
    "settings_set_lang",
    "board_get",
    "people_list",
]
