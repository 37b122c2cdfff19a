#pragma once

#include "log/logentry.h"
#include "text/textencoding.h"

#include <QByteArray>

// Writes log entries as CSV rows (RFC 4180), for a spreadsheet:
//
//   time,direction,peer,local,size,text,hex,fault
//   2026-11-21T14:28:49.286+01:00,recv,127.0.0.1:33838,[::]:9000,5,msg 1,6d73672031,
//
// time is local with milliseconds and the UTC offset, as in the recording; direction is the
// recording's kind (recv, send, info, error, call); size counts the payload's bytes; text is the
// payload in `encoding`, escaped as the log shows it (EscapedText), or the words of an event;
// hex is the exact payload, lower case; fault names the fault on purpose an info row is about
// (drop, delay, duplicate or reorder: FaultInjector), empty on every other row. A field that
// holds a comma, a quote or a line break is quoted, its quotes doubled; every row ends in CRLF.
// The file is UTF-8.
namespace CsvLineWriter {

QByteArray header();
void append(QByteArray &out, const LogEntry &entry, TextEncoding encoding);
// `field` as RFC 4180 wants it in a row.
QByteArray quoted(const QByteArray &field);

} // namespace CsvLineWriter
