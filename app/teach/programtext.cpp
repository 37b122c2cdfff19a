#include "teach/programtext.h"

#include "teach/pythonprograms.h"
#include "teach/qtprograms.h"

namespace ProgramText {

QString program(const SessionSetup &setup, Program which)
{
    switch (which) {
    case Program::OtherEnd:
        return PythonPrograms::otherEnd(setup);
    case Program::ThisEnd:
        return PythonPrograms::thisEnd(setup);
    case Program::QtThisEnd:
        return QtPrograms::thisEnd(setup);
    }
    return {};
}

QString fileName(const SessionSetup &setup, Program which)
{
    if (which == Program::QtThisEnd)
        return QStringLiteral("main.cpp");
    const bool thisEnd = which == Program::ThisEnd;
    if (setup.kind == u"tcpClient")
        return thisEnd ? QStringLiteral("tcp_client.py") : QStringLiteral("tcp_server.py");
    if (setup.kind == u"tcpServer") {
        if (thisEnd)
            return QStringLiteral("tcp_server.py");
        return setup.autoReply == AutoReply::Relay ? QStringLiteral("chat_client.py")
                                                   : QStringLiteral("tcp_client.py");
    }
    return thisEnd ? QStringLiteral("udp_server.py") : QStringLiteral("udp_client.py");
}

// repr(bytes): single quotes unless the bytes hold one and no double quote; tab, LF, CR and the
// backslash by name, printable ASCII as it is, every other byte as \xhh.
// Octal escapes take at most three digits, so a digit after one cannot join it (as it would a
// \x escape); '?' is escaped so that no "??x" reads as a trigraph.
QString cppBytes(QByteArrayView bytes)
{
    QString text = QStringLiteral("\"");
    for (const char c : bytes) {
        const auto b = uchar(c);
        if (c == '"' || c == '\\' || c == '?') {
            text += u'\\';
            text += QLatin1Char(c);
        } else if (c == '\t') {
            text += u"\\t";
        } else if (c == '\n') {
            text += u"\\n";
        } else if (c == '\r') {
            text += u"\\r";
        } else if (b < 0x20 || b >= 0x7f) {
            text += u'\\';
            text += QLatin1Char(char('0' + (b >> 6)));
            text += QLatin1Char(char('0' + ((b >> 3) & 7)));
            text += QLatin1Char(char('0' + (b & 7)));
        } else {
            text += QLatin1Char(c);
        }
    }
    return text + u'"';
}

} // namespace ProgramText
