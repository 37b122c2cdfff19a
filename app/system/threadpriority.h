#pragma once

// The calling thread's share of the processor against the application's other threads.
namespace ThreadPriority {

// Lets the calling thread yield to the window's thread when both want a core (Linux: its nice
// value goes 5 above what it was; elsewhere nothing).
//
// Work done in the background for the window, such as formatting and writing a recording,
// can keep two cores busy during a flood. At an equal share, the window's thread waits its
// turn behind them, and a frame's work takes two or three times as long to appear. The
// background thread still gets every cycle the window leaves, which is most of them.
void yieldToWindow();

} // namespace ThreadPriority
