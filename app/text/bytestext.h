#pragma once

#include <QString>

// "1 byte", "65,507 bytes": a size in the user's locale, for people reading a status line or
// the kernel's view.
QString bytesText(quint64 bytes);
