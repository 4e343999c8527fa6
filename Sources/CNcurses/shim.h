// What Swift cannot import from ncurses directly: macros, and globals that Swift 6 will not touch.
#ifndef CASELOAD_NCURSES_SHIM_H
#define CASELOAD_NCURSES_SHIM_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#define NCURSES_WIDECHAR 1

#include <fcntl.h>
#include <locale.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <ncursesw/curses.h>

static inline WINDOW *cl_stdscr(void) { return stdscr; }
static inline int cl_lines(void) { return LINES; }
static inline int cl_cols(void) { return COLS; }
static inline void cl_getmaxyx(WINDOW *w, int *y, int *x) { getmaxyx(w, *y, *x); }

static inline attr_t cl_a_normal(void) { return A_NORMAL; }
static inline attr_t cl_a_bold(void) { return A_BOLD; }
static inline attr_t cl_a_reverse(void) { return A_REVERSE; }
static inline attr_t cl_a_underline(void) { return A_UNDERLINE; }
static inline attr_t cl_a_dim(void) { return A_DIM; }

static inline int cl_key_f(int n) { return KEY_F(n); }
static inline int cl_key_resize(void) { return KEY_RESIZE; }

static inline const cchar_t *cl_acs_hline(void) { return WACS_HLINE; }
static inline const cchar_t *cl_acs_vline(void) { return WACS_VLINE; }

/// Sets one cell from a UTF-8 free wide string of up to CCHARW_MAX characters, with attributes and a colour pair.
static inline int cl_put_cell(int y, int x, const wchar_t *text, attr_t attrs, short pair) {
  cchar_t cell;
  if (setcchar(&cell, text, attrs, pair, NULL) != OK) return ERR;
  return mvwadd_wch(stdscr, y, x, &cell);
}

/// Opens a pseudo-terminal of rows × cols and writes its terminal's path into `name` (the benchmark runs a real
/// screen in one). Returns the controlling side, or -1.
extern int posix_openpt(int);
extern int grantpt(int);
extern int unlockpt(int);
extern char *ptsname(int);
static inline int cl_open_pty(char *name, int length, int rows, int cols) {
  int fd = posix_openpt(O_RDWR | O_NOCTTY);
  if (fd < 0) return -1;
  char *path;
  if (grantpt(fd) != 0 || unlockpt(fd) != 0 || (path = ptsname(fd)) == NULL) return -1;
  snprintf(name, (size_t)length, "%s", path);
  struct winsize size = {(unsigned short)rows, (unsigned short)cols, 0, 0};
  ioctl(fd, TIOCSWINSZ, &size);
  return fd;
}

/// glibc's POSIX_SPAWN_SETSID (a GNU extension Swift does not see): spawn into a new session.
static inline short cl_posix_spawn_setsid(void) { return 0x80; }

#endif
