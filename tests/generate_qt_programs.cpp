// Writes the Qt C++ programs (ProgramText, issue 15) named on its command line, of a few
// settings that between them take every branch of the generator, into the folder given; the
// test build compiles each against Qt, so that a program that does not compile fails the build.
#include "teach/programtext.h"

#include <QFile>
#include <QString>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <iterator>

namespace {

SessionSetup setup(const char *kind, const char *address, AutoReply mode,
                   StreamFramer::Framing framing)
{
    SessionSetup s;
    s.kind = QString::fromLatin1(kind);
    s.localAddress = QString::fromLatin1(address);
    s.localPort = 9000;
    s.autoReply = mode;
    s.framing = framing;
    s.message = QByteArrayLiteral("it's \"quoted\" \\ \x00\x01\xff?\?= 7");
    s.lineEnding = PayloadCodec::LineEnding::CrLf;
    return s;
}

} // namespace

int main(int argc, char *argv[])
{
    if (argc < 3) {
        std::fprintf(stderr, "usage: generate_qt_programs FOLDER NAME...\n");
        return 2;
    }
    using Framing = StreamFramer::Framing;
    SessionSetup udp = setup("udp", "", AutoReply::Timestamp, Framing::None);
    udp.remoteHost = QStringLiteral("localhost"); // a name, looked up
    udp.remotePort = 9001;
    udp.readLimit = 512;
    SessionSetup relay = setup("tcpServer", "127.0.0.1", AutoReply::Relay, Framing::Length16);
    SessionSetup quietRelay = setup("tcpServer", "::", AutoReply::Relay, Framing::None);
    quietRelay.relayNames = false;
    quietRelay.announces = false;
    SessionSetup client = setup("tcpClient", "", AutoReply::None, Framing::CrLf);
    client.remoteHost = QStringLiteral("::1");
    client.remotePort = 9000;
    const std::pair<const char *, SessionSetup> programs[] = {
        { "udp_timestamp", udp },
        { "tcpserver_echo_len32", setup("tcpServer", "", AutoReply::Echo, Framing::Length32) },
        { "tcpserver_none_delimiter",
          [] {
              SessionSetup s = setup("tcpServer", "0.0.0.0", AutoReply::None, Framing::Delimiter);
              s.delimiter = QByteArrayLiteral("\0\r\n");
              return s;
          }() },
        { "tcpserver_relay_len16", relay },
        { "tcpserver_relay_quiet", quietRelay },
        { "tcpclient_crlf", client },
        // Run by tst_programtext: on a port the system chooses.
        { "udp_echo_port0",
          [] {
              SessionSetup s = setup("udp", "127.0.0.1", AutoReply::Echo, Framing::None);
              s.localPort = 0;
              return s;
          }() },
        { "tcpserver_timestamp_lf_port0",
          [] {
              SessionSetup s = setup("tcpServer", "", AutoReply::Timestamp, Framing::Lf);
              s.localPort = 0;
              return s;
          }() },
    };
    for (int i = 2; i < argc; ++i) {
        const auto program
            = std::find_if(std::begin(programs), std::end(programs), [i, argv](const auto &row) {
                  return std::strcmp(row.first, argv[i]) == 0;
              });
        if (program == std::end(programs)) {
            std::fprintf(stderr, "generate_qt_programs: no program named %s\n", argv[i]);
            return 2;
        }
        QFile file(QString::fromLocal8Bit(argv[1]) + u'/' + QString::fromLocal8Bit(argv[i])
                   + u".cpp");
        const QString text = ProgramText::program(program->second, ProgramText::Program::QtThisEnd);
        if (!file.open(QIODevice::WriteOnly) || file.write(text.toUtf8()) < 0) {
            std::fprintf(stderr, "generate_qt_programs: %s\n", qUtf8Printable(file.errorString()));
            return 1;
        }
    }
    return 0;
}
