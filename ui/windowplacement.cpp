#include "windowplacement.h"

#include <QGuiApplication>
#include <QScreen>
#include <QWidget>

#include <algorithm>

namespace WindowPlacement {

QRect fit(QRect frame, const QRect &available)
{
    frame.setWidth(std::clamp(frame.width(), 1, available.width()));
    frame.setHeight(std::clamp(frame.height(), 1, available.height()));
    if (frame.right() > available.right())
        frame.moveRight(available.right());
    if (frame.left() < available.left())
        frame.moveLeft(available.left());
    if (frame.bottom() > available.bottom())
        frame.moveBottom(available.bottom());
    if (frame.top() < available.top())
        frame.moveTop(available.top());
    return frame;
}

Settings::WindowPlace place(const QWidget &window)
{
    // The frame's margins, which the normal geometry of a maximized window has around it too.
    const QRect frame = window.frameGeometry();
    const QRect inner = window.geometry();
    const QRect normal = window.isMaximized() ? window.normalGeometry() : inner;
    Settings::WindowPlace place;
    place.frame = QRect(normal.topLeft() - (inner.topLeft() - frame.topLeft()),
                        normal.size() + (frame.size() - inner.size()));
    place.size = normal.size();
    place.maximized = window.isMaximized();
    return place;
}

namespace {

// The screen with the largest part of `frame`; the primary one when none has any.
QScreen *screenFor(const QRect &frame)
{
    QScreen *best = QGuiApplication::primaryScreen();
    qint64 bestArea = 0;
    for (QScreen *screen : QGuiApplication::screens()) {
        const QRect common = screen->availableGeometry().intersected(frame);
        const qint64 area = qint64(common.width()) * common.height();
        if (area > bestArea) {
            best = screen;
            bestArea = area;
        }
    }
    return best;
}

} // namespace

void restore(QWidget &window, const Settings::WindowPlace &place)
{
    QScreen *screen = place.isValid() ? screenFor(place.frame) : QGuiApplication::primaryScreen();
    if (!place.isValid()) {
        const QSize size = screen ? DefaultSize.boundedTo(screen->availableGeometry().size())
                                  : DefaultSize;
        window.resize(size);
        return;
    }
    // What the frame adds around the window, as it was; nothing sensible beyond a few rows.
    const QSize margins = (place.frame.size() - place.size).expandedTo(QSize(0, 0))
                                  .boundedTo(QSize(200, 200));
    // The window cannot be smaller than its contents allow: fitted as that, when it is larger.
    QRect frame(place.frame.topLeft(), place.size.expandedTo(window.minimumSizeHint()) + margins);
    if (screen)
        frame = fit(frame, screen->availableGeometry());
    window.move(frame.topLeft());
    window.resize((frame.size() - margins).expandedTo(QSize(1, 1)));
    if (place.maximized)
        window.setWindowState(window.windowState() | Qt::WindowMaximized);
}

} // namespace WindowPlacement
