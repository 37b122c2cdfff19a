// Writes the Qt C++ programs (ProgramText, issue 15) of a few settings that between them take
// every branch of the generator, into the folder given; the test build compiles each against
// Qt, so that a program that does not compile fails the build.
#include "teach/programtext.h"

#include <QFile>
#include <QString>

#include <cstdio>

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
    if (argc != 2) {
        std::fprintf(stderr, "usage: generate_qt_programs FOLDER\n");
        return 2;
    }
    using Framing = StreamFramer::Framing;
    SessionSetup udp = setup("udp", "", AutoReply::Timestamp, Framing::None);
    udp.remoteHost = QStringLiteral("127.0.0.1");
    udp.remotePort = 9001;
    udp.readLimit = 512;
    SessionSetup udpByName = setup("udp", "localhost", AutoReply::Echo, Framing::None);
    udpByName.remoteHost = QStringLiteral("localhost");
    udpByName.remotePort = 9001;
    SessionSetup relay = setup("tcpServer", "127.0.0.1", AutoReply::Relay, Framing::Length16);
    SessionSetup quietRelay = setup("tcpServer", "::", AutoReply::Relay, Framing::None);
    quietRelay.relayNames = false;
    quietRelay.announces = false;
    SessionSetup client = setup("tcpClient", "", AutoReply::None, Framing::CrLf);
    client.remoteHost = QStringLiteral("::1");
    client.remotePort = 9000;
    const std::pair<const char *, SessionSetup> programs[] = {
        { "udp_timestamp", udp },
        { "udp_echo_by_name", udpByName },
        { "tcpserver_echo_lf", setup("tcpServer", "", AutoReply::Echo, Framing::Lf) },
        { "tcpserver_timestamp_len32",
          setup("tcpServer", "", AutoReply::Timestamp, Framing::Length32) },
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
        { "udp_echo_port0", [] {
             SessionSetup s = setup("udp", "127.0.0.1", AutoReply::Echo, Framing::None);
             s.localPort = 0;
             return s;
         }() },
        { "tcpserver_timestamp_lf_port0", [] {
             SessionSetup s = setup("tcpServer", "", AutoReply::Timestamp, Framing::Lf);
             s.localPort = 0;
             return s;
         }() },
    };
    for (const auto &[name, s] : programs) {
        QFile file(QString::fromLocal8Bit(argv[1]) + u'/' + QLatin1StringView(name) + u".cpp");
        if (!file.open(QIODevice::WriteOnly)
            || file.write(ProgramText::program(s, ProgramText::Program::QtThisEnd).toUtf8()) < 0) {
            std::fprintf(stderr, "generate_qt_programs: %s\n", qUtf8Printable(file.errorString()));
            return 1;
        }
    }
    return 0;
}
