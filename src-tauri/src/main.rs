// No console window on Windows in release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // SAFETY: the first statement of the program: no other thread exists yet.
    unsafe { conveyor_app::prefer_drawing_without_compositing() };
    conveyor_app::run();
}
