// windowprobe: how long a program's window takes to answer, measured the way a window manager
// decides that a window is "not responding".
//
//   windowprobe --pid PID [--since EPOCH_NS] [--interval 50]
//
// It finds PID's mapped top-level window (by _NET_WM_PID) and sends it _NET_WM_PING client
// messages, one in flight, one every interval. A Qt window answers from its GUI thread by
// sending the message back to the root window, so the time to the answer is how long the GUI
// thread was busy. With --since (the program's start, in CLOCK_REALTIME nanoseconds), it also
// reports when the window was first mapped and first answered. It prints one JSON line when
// the first answer comes ("ready"), runs until SIGINT or SIGTERM, and then prints one more:
// pings, answers, the slowest answer, percentiles, stalls over 100 and 200 ms, and how long
// the last ping had been waiting.

#include "commandline.h"

#include <X11/Xatom.h>
#include <X11/Xlib.h>

#include <poll.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
std::atomic<bool> g_stop { false };

double msSince(Clock::time_point t)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

bool longProperty(Display *dpy, Window w, Atom property, Atom type, std::vector<long> &values)
{
    Atom actualType = None;
    int format = 0;
    unsigned long count = 0, after = 0;
    unsigned char *data = nullptr;
    if (XGetWindowProperty(dpy, w, property, 0, 64, False, type, &actualType, &format, &count,
                           &after, &data)
                != Success
        || !data)
        return false;
    values.clear();
    if (format == 32) {
        const long *longs = reinterpret_cast<const long *>(data);
        values.assign(longs, longs + count);
    }
    XFree(data);
    return !values.empty();
}

// The viewable top-level window of `pid` that takes _NET_WM_PING; 0 if there is none yet.
Window findWindow(Display *dpy, long pid, Atom pidAtom, Atom protocolsAtom, Atom pingAtom)
{
    Window root = DefaultRootWindow(dpy), parent = 0, *children = nullptr;
    unsigned int count = 0;
    if (!XQueryTree(dpy, root, &root, &parent, &children, &count))
        return 0;
    Window found = 0;
    std::vector<long> values;
    for (unsigned int i = 0; i < count && !found; ++i) {
        XWindowAttributes attributes;
        if (!XGetWindowAttributes(dpy, children[i], &attributes)
            || attributes.map_state != IsViewable)
            continue;
        if (!longProperty(dpy, children[i], pidAtom, XA_CARDINAL, values) || values[0] != pid)
            continue;
        if (longProperty(dpy, children[i], protocolsAtom, XA_ATOM, values)
            && std::find(values.begin(), values.end(), long(pingAtom)) != values.end())
            found = children[i];
    }
    if (children)
        XFree(children);
    return found;
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[std::size_t(p * double(values.size() - 1) + 0.5)];
}

} // namespace

int main(int argc, char **argv)
{
    long pid = 0;
    long long since = 0;
    int interval = 50;
    readOptions(argc, argv, [&](const std::string &name, const std::string &value) {
        if (name == "--pid")
            pid = std::atol(value.c_str());
        else if (name == "--since")
            since = std::atoll(value.c_str());
        else if (name == "--interval")
            interval = std::atoi(value.c_str());
        else
            return false;
        return true;
    });
    if (pid <= 0)
        fail("needs --pid PID [--since EPOCH_NS] [--interval MS]");
    Display *dpy = XOpenDisplay(nullptr);
    if (!dpy)
        fail("cannot open the display");
    std::signal(SIGINT, [](int) { g_stop = true; });
    std::signal(SIGTERM, [](int) { g_stop = true; });
    const Atom pidAtom = XInternAtom(dpy, "_NET_WM_PID", False);
    const Atom protocolsAtom = XInternAtom(dpy, "WM_PROTOCOLS", False);
    const Atom pingAtom = XInternAtom(dpy, "_NET_WM_PING", False);
    const Window root = DefaultRootWindow(dpy);
    // Qt sends its answer to the root window with StructureNotify in the event mask.
    XSelectInput(dpy, root, StructureNotifyMask);

    const auto wallNs = [] {
        return std::chrono::duration_cast<std::chrono::nanoseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                .count();
    };
    Window window = 0;
    double mappedMs = -1, firstAnswerMs = -1;
    while (!window && !g_stop) {
        window = findWindow(dpy, pid, pidAtom, protocolsAtom, pingAtom);
        if (window && since > 0)
            mappedMs = double(wallNs() - since) / 1e6;
        if (!window)
            poll(nullptr, 0, 2);
    }

    std::vector<double> answers;
    long sequence = 0;
    bool inFlight = false;
    Clock::time_point sentAt = Clock::now(), nextPing = Clock::now();
    const int fd = ConnectionNumber(dpy);
    while (!g_stop) {
        if (!inFlight && Clock::now() >= nextPing) {
            XEvent ping;
            std::memset(&ping, 0, sizeof ping);
            ping.xclient.type = ClientMessage;
            ping.xclient.window = window;
            ping.xclient.message_type = protocolsAtom;
            ping.xclient.format = 32;
            ping.xclient.data.l[0] = long(pingAtom);
            ping.xclient.data.l[1] = CurrentTime; // Qt adopts a later time as its own; 0 never is
            ping.xclient.data.l[2] = long(window);
            ping.xclient.data.l[3] = ++sequence;
            XSendEvent(dpy, window, False, NoEventMask, &ping);
            XFlush(dpy);
            sentAt = Clock::now();
            inFlight = true;
        }
        while (XPending(dpy)) {
            XEvent event;
            XNextEvent(dpy, &event);
            if (event.type == ClientMessage && event.xclient.message_type == protocolsAtom
                && event.xclient.data.l[0] == long(pingAtom) && event.xclient.data.l[3] == sequence
                && inFlight) {
                answers.push_back(msSince(sentAt));
                inFlight = false;
                nextPing = sentAt + std::chrono::milliseconds(interval);
                if (answers.size() == 1) {
                    // The window is up: tell whoever waits for it, then go on measuring.
                    if (since > 0)
                        firstAnswerMs = double(wallNs() - since) / 1e6;
                    std::printf("{\"ready\":true,\"mapped_ms\":%.1f,\"first_answer_ms\":%.1f}\n",
                                mappedMs, firstAnswerMs);
                    std::fflush(stdout);
                }
            }
        }
        pollfd p { fd, POLLIN, 0 };
        poll(&p, 1, inFlight ? 5 : std::max(1, int(-msSince(nextPing)) + 1));
    }

    const double waiting = inFlight ? msSince(sentAt) : 0;
    const auto over = [&answers, waiting](double limit) {
        return std::count_if(answers.begin(), answers.end(),
                             [limit](double ms) { return ms > limit; })
                + (waiting > limit ? 1 : 0);
    };
    const double slowest = std::max(waiting, answers.empty() ? 0.0
                                                              : *std::max_element(answers.begin(),
                                                                                  answers.end()));
    std::printf("{\"pings\":%ld,\"answers\":%zu,\"max_ms\":%.1f,\"p50_ms\":%.1f,\"p99_ms\":%.1f,"
                "\"over_100\":%ld,\"over_200\":%ld,\"waiting_ms\":%.1f,\"mapped_ms\":%.1f,"
                "\"first_answer_ms\":%.1f}\n",
                sequence, answers.size(), slowest, percentile(answers, 0.5),
                percentile(answers, 0.99), long(over(100)), long(over(200)), waiting, mappedMs,
                firstAnswerMs);
    XCloseDisplay(dpy);
    return 0;
}
