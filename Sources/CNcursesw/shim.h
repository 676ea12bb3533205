#ifndef QUANTWATCH_CNCURSESW_SHIM_H
#define QUANTWATCH_CNCURSESW_SHIM_H
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <stdio.h>
#include <wchar.h>
#include <sys/ioctl.h>
#include <poll.h>
#include <unistd.h>
#include <ncursesw/curses.h>

/* Macros and C globals do not import cleanly into Swift 6 (variadic, macro, or not concurrency-safe),
   so every one the terminal backend needs is wrapped here. */

/* Starts curses on stdout/stdin without exiting on failure (initscr would); 1 on success. */
static inline int qw_start(void) {
    SCREEN *screen = newterm(NULL, stdout, stdin);
    if (screen == NULL) return 0;
    set_term(screen);
    return 1;
}

static inline int qw_lines(void) { return LINES; }
static inline int qw_cols(void) { return COLS; }
static inline int qw_colors(void) { return COLORS; }
static inline int qw_color_pairs(void) { return COLOR_PAIRS; }
static inline int qw_has_colors(void) { return has_colors() ? 1 : 0; }

static inline unsigned int qw_attr_normal(void) { return (unsigned int)A_NORMAL; }
static inline unsigned int qw_attr_bold(void) { return (unsigned int)A_BOLD; }
static inline unsigned int qw_attr_reverse(void) { return (unsigned int)A_REVERSE; }
static inline unsigned int qw_attr_dim(void) { return (unsigned int)A_DIM; }
static inline unsigned int qw_attr_underline(void) { return (unsigned int)A_UNDERLINE; }

/* Sets attributes and colour pair for what is written next. */
static inline int qw_attr_set(unsigned int attributes, int pair) {
    return attr_set((attr_t)attributes, (short)pair, NULL);
}

static inline int qw_init_pair(int pair, int foreground, int background) {
    return init_pair((short)pair, (short)foreground, (short)background);
}

static inline int qw_raw_mode(void) {
    raw();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    curs_set(0);
    set_escdelay(25);
    leaveok(stdscr, TRUE);
    scrollok(stdscr, FALSE);
    return 0;
}

static inline void qw_mouse_on(void) {
    /* Every button event, even those we ignore: ncurses drops an event outside the mask by reading on for
       the next one, and that read ignores timeout(), so one button release froze the dashboard until a key. */
    mousemask(ALL_MOUSE_EVENTS, NULL);
    mouseinterval(0);
}

/* Reads a mouse event: 1 for a left click at (x, y), 2 for the wheel up, 3 for the wheel down, else 0. */
static inline int qw_mouse_event(int *x, int *y) {
    MEVENT event;
    if (getmouse(&event) != OK) return 0;
    *x = event.x;
    *y = event.y;
    if (event.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)) return 1;
    if (event.bstate & BUTTON4_PRESSED) return 2;
#ifdef BUTTON5_PRESSED
    if (event.bstate & BUTTON5_PRESSED) return 3;
#endif
    return 0;
}

/* 1 when the terminal behind stdin is gone (the pty closed: SSH dropped, tmux server killed). ncurses then
   returns ERR at once from every read, and no SIGHUP may come, so the dashboard would spin without this. */
static inline int qw_input_hung_up(void) {
    struct pollfd input = { .fd = STDIN_FILENO, .events = POLLIN, .revents = 0 };
    if (poll(&input, 1, 0) < 0) return 0;
    return (input.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0;
}

/* Waits at most `milliseconds` for a key; returns ERR, OK (a character) or KEY_CODE_YES (a key code). */
static inline int qw_read(int milliseconds, unsigned int *out) {
    wint_t value = 0;
    timeout(milliseconds);
    int result = get_wch(&value);
    *out = (unsigned int)value;
    return result;
}

static inline int qw_err(void) { return ERR; }
static inline int qw_ok(void) { return OK; }
static inline int qw_key_code_yes(void) { return KEY_CODE_YES; }
static inline int qw_key_up(void) { return KEY_UP; }
static inline int qw_key_down(void) { return KEY_DOWN; }
static inline int qw_key_left(void) { return KEY_LEFT; }
static inline int qw_key_right(void) { return KEY_RIGHT; }
static inline int qw_key_npage(void) { return KEY_NPAGE; }
static inline int qw_key_ppage(void) { return KEY_PPAGE; }
static inline int qw_key_home(void) { return KEY_HOME; }
static inline int qw_key_end(void) { return KEY_END; }
static inline int qw_key_enter(void) { return KEY_ENTER; }
static inline int qw_key_backspace(void) { return KEY_BACKSPACE; }
static inline int qw_key_resize(void) { return KEY_RESIZE; }
static inline int qw_key_mouse(void) { return KEY_MOUSE; }
static inline int qw_key_f0(void) { return KEY_F0; }
static inline int qw_key_btab(void) { return KEY_BTAB; }

static inline int qw_move(int y, int x) { return move(y, x); }
static inline int qw_addnstr(const char *text, int length) { return addnstr(text, length); }
static inline int qw_refresh(void) { return refresh(); }
static inline int qw_erase(void) { return erase(); }
static inline int qw_clearok(void) { return clearok(stdscr, TRUE); }

/* The terminal's size from the tty (rows, columns); 1 on success. */
static inline int qw_tty_size(int *rows, int *columns) {
    struct winsize size;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) != 0 || size.ws_row == 0) return 0;
    *rows = size.ws_row;
    *columns = size.ws_col;
    return 1;
}

static inline int qw_resize(int rows, int columns) { return resizeterm(rows, columns); }
static inline void qw_flush_stdout(void) { fflush(stdout); }
static inline void qw_flush_stderr(void) { fflush(stderr); }
static inline int qw_end(void) { return endwin(); }
static inline int qw_is_ended(void) { return isendwin() ? 1 : 0; }

#endif
