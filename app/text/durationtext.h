#pragma once

#include <QString>

// "850 ms", "2.4 s", "3 min 05 s": how long something took, for people reading a log.
QString durationText(qint64 milliseconds);
