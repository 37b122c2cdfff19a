#pragma once

#include "config/settings.h"

#include <QRect>

class QWidget;

// Where the main window goes at start, and what of it is kept at quit. Qt's own
// saveGeometry()/restoreGeometry() pair moved the window down by a title bar's height at every
// start where there is no window manager (Xvfb), and left it partly off a screen that had
// shrunk; here the window comes back where its frame was, never larger than the screen's
// available area and always wholly on it.
namespace WindowPlacement {

// The size the window opens at the first time, when the screen has room.
inline constexpr QSize DefaultSize { 1100, 720 };

// `frame` moved, and shrunk where it must, so that it lies wholly within `available`.
QRect fit(QRect frame, const QRect &available);

// Where `window` is now (its normal place while it is maximized).
Settings::WindowPlace place(const QWidget &window);

// Puts `window`, not shown yet, where `place` says, on the screen that holds most of it (or the
// primary one), fitted to that screen's available area; the default size there when `place`
// is not valid. A window whose contents need more than the screen has starts at the screen's
// top left corner, so that its title bar and menus are on it.
void restore(QWidget &window, const Settings::WindowPlace &place);

} // namespace WindowPlacement
