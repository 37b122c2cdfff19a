#pragma once

// The C library's heap, as far as a user's memory gauge is concerned.
namespace Heap {

// Keeps large blocks in the heap for reuse (glibc only; elsewhere nothing). Call once, before
// the first large allocation.
//
// A bulk transfer logs reads of hundreds of kilobytes, and the log frees the oldest as it takes
// the newest. Left to itself, glibc maps each such block on its own, unmaps it when it is freed
// and trims the heap as soon as its top is free, so every read lands in new pages that the
// kernel must fault in and clear: a fifth of the cost of reading at loopback speed. Blocks up
// to 2 MiB (a read is at most 1 MiB) come from the heap instead and are reused, and the heap
// keeps what it has until returnFreedMemory() (which a flood's end and Clear call) hands the
// free pages back.
void configure();

// Hands every whole free page of the heap back to the system (glibc only; elsewhere nothing).
//
// A flood leaves many small freed blocks between blocks still in use, such as the log's newest
// rows; glibc keeps pages like those mapped, so memory given up would not show in the RSS a
// user watches. Costs a walk over the heap: for the end of a flood or a Clear, not per row.
void returnFreedMemory();

// How long returnFreedMemoryWhenQuiet() waits for the frees to stop.
constexpr int QuietMilliseconds = 1000;

// Calls returnFreedMemory() once this has not been called for QuietMilliseconds: whoever frees
// in bursts calls it after each one, and the heap is walked once, after the last. From the
// application's thread only, whose event loop runs it.
void returnFreedMemoryWhenQuiet();

} // namespace Heap
