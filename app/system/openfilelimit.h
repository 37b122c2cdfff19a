#pragma once

#include <QtGlobal>

// A server tab holds one descriptor per client. Linux starts programs with a soft limit of
// 1,024 open files while allowing far more; raising the soft limit to the hard one at start-up,
// as servers do, lets a tab serve thousands of clients instead of failing at about a thousand.
namespace OpenFileLimit {

// The soft limit now in force, or 0 where the system has none to tell.
quint64 current();
// Raises the soft limit to the hard limit and returns the limit now in force.
quint64 raise();

} // namespace OpenFileLimit
