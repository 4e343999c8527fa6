/// A small terminal UI toolkit: a grid of cells views draw into, display widths done right, key decoding, keymaps,
/// widgets and an app loop, with an ncurses backend and an in-memory one for tests. It knows nothing of schools.
public enum TerminalUI {}
