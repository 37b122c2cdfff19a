#pragma once

// The C library's heap, as far as a user's memory gauge is concerned.
namespace Heap {

// Sets the heap up for floods (glibc only; elsewhere nothing). Call once, before the first
// large allocation and the first thread.
//
// - Large blocks stay in the heap. A bulk transfer logs reads of hundreds of kilobytes, and the
//   log frees the oldest as it takes the newest. Left to itself, glibc maps each such block on
//   its own, unmaps it when it is freed and trims the heap as soon as its top is free, so every
//   read lands in new pages that the kernel must fault in and clear: a fifth of the cost of
//   reading at loopback speed. Blocks up to 32 MiB come from the heap instead and are reused,
//   and the heap keeps what it has until returnFreedMemory() (which a flood's end and Clear
//   call) hands the free pages back.
// - One heap for every thread. The threads that read UDP and write the recording hand their
//   blocks to the window's thread, which frees them; with a heap per thread, the freed blocks
//   are scattered over several heaps whose pages stay half used after a flood (6 MiB more after
//   a million datagrams). They allocate seldom, so sharing one heap costs them nothing to speak of.
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
