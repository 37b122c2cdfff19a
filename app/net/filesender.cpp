#include "net/filesender.h"

#include "net/tcpconnection.h"
#include "text/durationtext.h"
#include "text/pluralcount.h"

#include <QFileInfo>
#include <QLocale>

#include <algorithm>

FileSender::FileSender(const QString &path, const QList<TcpConnection *> &targets, QObject *parent)
    : QObject(parent)
    , m_file(path)
{
    for (TcpConnection *target : targets)
        m_targets << Target { target, target->peerEndpoint().toString() };
}

FileSender::~FileSender() = default;

QString FileSender::fileName() const
{
    return QFileInfo(m_file.fileName()).fileName();
}

bool FileSender::start()
{
    if (!m_file.open(QIODevice::ReadOnly)) {
        m_error = tr("Cannot read %1: %2. Choose a file you can read.")
                          .arg(m_file.fileName(), m_file.errorString());
        return false;
    }
    m_size = m_file.size();
    if (m_size == 0) {
        m_error = tr("Nothing was sent: %1 is empty, and an empty message puts no bytes on a "
                     "TCP stream.")
                          .arg(m_file.fileName());
        return false;
    }
    for (const Target &target : std::as_const(m_targets)) {
        connect(target.connection, &TcpConnection::writeProgress, this, &FileSender::sendMore);
        connect(target.connection, &TcpConnection::closing, this, &FileSender::sendMore);
        connect(target.connection, &TcpConnection::closed, this, &FileSender::sendMore);
    }
    const QLocale locale;
    Q_EMIT started(tr("Sending %1, %2 bytes, to %3 in pieces of up to %4 bytes, as fast as it "
                      "takes them…",
                      nullptr, pluralCount(quint64(m_size)))
                           .arg(fileName(), locale.toString(m_size), targetsText(),
                                locale.toString(PieceBytes)));
    m_clock.start();
    sendMore();
    return true;
}

void FileSender::stop()
{
    const QLocale locale;
    finish(Outcome::Stopped,
           tr("Stopped sending %1: %2 of its %3 bytes were queued, and %4 gets only those.",
              nullptr, pluralCount(quint64(m_size)))
                   .arg(fileName(), locale.toString(m_queued), locale.toString(m_size),
                        targetsText()));
}

void FileSender::cutOff()
{
    const QLocale locale;
    finish(Outcome::CutOff,
           tr("Cut off sending %1 after %2 of its %3 bytes were queued; %4 sees the connection "
              "reset, not the end of the file.",
              nullptr, pluralCount(quint64(m_size)))
                   .arg(fileName(), locale.toString(m_queued), locale.toString(m_size),
                        targetsText()));
}

void FileSender::setPaused(bool paused)
{
    m_paused = paused;
    if (!paused && m_clock.isValid())
        sendMore();
}

qint64 FileSender::inFlight() const
{
    qint64 most = 0;
    for (const Target &target : m_targets) {
        if (target.connection)
            most = std::max(most, target.connection->bytesInFlight());
    }
    return most;
}

qint64 FileSender::written() const
{
    return m_queued - inFlight();
}

qint64 FileSender::bytesLeft() const
{
    qint64 left = 0;
    for (const Target &target : m_targets) {
        if (target.connection && target.connection->isOpen())
            left += m_size - m_queued;
    }
    return m_ended ? 0 : left;
}

bool FileSender::isSendingTo(const TcpConnection *connection) const
{
    return !m_ended
            && std::any_of(m_targets.cbegin(), m_targets.cend(), [connection](const Target &t) {
                   return t.connection == connection;
               });
}

QString FileSender::targetsText() const
{
    QStringList peers;
    for (const Target &target : m_targets)
        peers << target.peer;
    return peers.isEmpty() ? tr("the peer") : QLocale().createSeparatedList(peers);
}

// A connection that closes, or is closing, takes no more; what it was given is at most what
// was queued so far, and some of that may have died in its socket.
void FileSender::dropClosedTargets()
{
    const QLocale locale;
    m_targets.removeIf([this, &locale](const Target &target) {
        if (target.connection && target.connection->isWritable())
            return false;
        m_cutShort << tr("%1, which closed after at most %2 bytes", nullptr,
                         pluralCount(quint64(m_queued)))
                              .arg(target.peer, locale.toString(m_queued));
        return true;
    });
}

// Reads and queues pieces while every connection has room, and tells how far it got.
void FileSender::sendMore()
{
    if (m_ended)
        return;
    dropClosedTargets();
    const QLocale locale;
    if (m_targets.isEmpty()) {
        finish(Outcome::Failed,
               tr("Sending %1 (%2 bytes) stopped: %3. The file did not arrive whole.", nullptr,
                  pluralCount(quint64(m_size)))
                       .arg(fileName(), locale.toString(m_size),
                            locale.createSeparatedList(m_cutShort)));
        return;
    }
    while (!m_paused && m_queued < m_size && inFlight() < 2 * PieceBytes) {
        const QByteArray piece = m_file.read(std::min(PieceBytes, m_size - m_queued));
        if (piece.isEmpty()) {
            const QString reason = m_file.error() != QFile::NoError
                    ? m_file.errorString()
                    : tr("the file became shorter while it was being sent");
            finish(Outcome::Failed,
                   tr("Could not read %1 after %2 of its %3 bytes: %4. Sending stopped; the "
                      "peer has only those bytes.",
                      nullptr, pluralCount(quint64(m_size)))
                           .arg(fileName(), locale.toString(m_queued), locale.toString(m_size),
                                reason));
            return;
        }
        for (const Target &target : std::as_const(m_targets))
            target.connection->send(piece); // one that refuses is dropped below
        m_queued += piece.size();
        dropClosedTargets();
        if (m_targets.isEmpty()) {
            sendMore(); // says who closed, and ends
            return;
        }
    }
    Q_EMIT progressed(written(), m_size);
    if (m_queued == m_size && inFlight() == 0)
        finishWritten();
}

// Every byte reached the sockets still open: complete, unless one closed on the way.
void FileSender::finishWritten()
{
    const QLocale locale;
    const QString sent = tr("Sent all of %1, %2 bytes, to %3 in %4.", nullptr,
                            pluralCount(quint64(m_size)))
                                 .arg(fileName(), locale.toString(m_size), targetsText(),
                                      durationText(m_clock.elapsed()));
    if (m_cutShort.isEmpty()) {
        finish(Outcome::Complete, sent);
        return;
    }
    finish(Outcome::Failed, sent + u' '
                   + tr("Not to %1: the file did not arrive there whole.")
                             .arg(locale.createSeparatedList(m_cutShort)));
}

void FileSender::finish(Outcome outcome, const QString &message)
{
    if (m_ended)
        return;
    m_ended = true;
    for (const Target &target : std::as_const(m_targets)) {
        if (target.connection)
            disconnect(target.connection, nullptr, this, nullptr);
    }
    m_file.close();
    Q_EMIT ended(outcome, message);
}
