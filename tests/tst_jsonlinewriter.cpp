#include "log/jsonlinewriter.h"

#include <QTest>

// The layout of the lines is tested through Recorder::toJsonLine() (tst_recorder); here, the
// buffer they are appended to.
class tst_JsonLineWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void appendsToAnyBuffer_data();
    void appendsToAnyBuffer();
};

namespace {

enum class Buffer {
    Own,
    Shared, // with a copy, as QByteArray's implicit sharing allows
    RoomAtFront, // a reader took its first line: capacity() counts that room too
};

LogEntry received(const QByteArray &payload)
{
    LogEntry e;
    e.time = QDateTime::currentDateTimeUtc();
    e.session = QStringLiteral("UDP");
    e.direction = Direction::Received;
    e.local = Endpoint { QHostAddress(QHostAddress::Any), 9000 };
    e.peer = Endpoint { QHostAddress(QStringLiteral("127.0.0.1")), 33838 };
    e.payload = payload;
    return e;
}

} // namespace

Q_DECLARE_METATYPE(Buffer)

void tst_JsonLineWriter::appendsToAnyBuffer_data()
{
    QTest::addColumn<Buffer>("buffer");
    QTest::newRow("its own") << Buffer::Own;
    QTest::newRow("shared with a copy") << Buffer::Shared;
    QTest::newRow("with room at its front") << Buffer::RoomAtFront;
}

// Found by fuzz/jsonline_fuzz: the writer took capacity() for room at the end of the buffer and
// wrote past the end of the heap block when the buffer was shared (writing to it made a copy
// with no room to spare) or kept room at its front.
void tst_JsonLineWriter::appendsToAnyBuffer()
{
    QFETCH(Buffer, buffer);
    const LogEntry entry = received(QByteArray(4096, 'x'));
    QByteArray line;
    JsonLineWriter().append(line, entry, TextEncoding::Utf8);

    const QByteArray first = "{\"first\":1}\n";
    QByteArray out;
    out.reserve(4 * line.size()); // room for the line, as capacity() tells
    if (buffer == Buffer::RoomAtFront) {
        const QByteArray taken(3 * line.size() + line.size() / 2, ' ');
        out += taken + first;
        out.remove(0, taken.size());
    } else {
        out += first;
    }
    QCOMPARE(out, first);
    QByteArray copy;
    if (buffer == Buffer::Shared)
        copy = out;

    JsonLineWriter().append(out, entry, TextEncoding::Utf8);
    QCOMPARE(out, first + line);
    if (buffer == Buffer::Shared)
        QCOMPARE(copy, first);
}

QTEST_APPLESS_MAIN(tst_JsonLineWriter)
#include "tst_jsonlinewriter.moc"
