#pragma once

#include <QElapsedTimer>
#include <QFile>
#include <QList>
#include <QObject>
#include <QPointer>

class TcpConnection;

// Streams the bytes of a file into one or more TCP connections, in pieces, as fast as they take
// them: a piece is read and queued only while every connection has less than two pieces still
// to write, so a file of any size costs a few pieces of memory, and the peer's pace sets ours.
// Each piece is one send() of the connection, so the log shows the file as the writes that
// carried it. It ends when every byte is written to the sockets, when stop() is called, when
// the file cannot be read, or when no connection is left to take it; a connection that closes
// before the end is named with how far it got, and then the transfer is never called complete.
class FileSender final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FileSender)

public:
    static constexpr qint64 PieceBytes = 1 << 20;

    enum class Outcome {
        Complete, // every byte reached every socket
        Stopped, // stop() was called
        CutOff, // cutOff() was called: its connections are being reset
        Failed, // the file could not be read, or no connection was left
    };
    Q_ENUM(Outcome)

    FileSender(const QString &path, const QList<TcpConnection *> &targets,
               QObject *parent = nullptr);
    ~FileSender() override;

    // Opens the file and sends the first pieces; false (and an error) when it cannot be read.
    bool start();
    void stop();
    // Ends the transfer because its connections are about to be reset (RST): what was queued
    // will not arrive, and the words say how much had been written.
    void cutOff();
    // While paused (the recording is behind), no piece is queued.
    void setPaused(bool paused);

    QString fileName() const; // without its folder
    qint64 size() const { return m_size; }
    qint64 written() const;
    // Bytes of the file not queued in its connections yet, counted once for each of them.
    qint64 bytesLeft() const;
    bool isSendingTo(const TcpConnection *connection) const;
    QString errorString() const { return m_error; }

Q_SIGNALS:
    // Before the first piece: what is sent to whom, in words.
    void started(const QString &message);
    void progressed(qint64 written, qint64 size);
    // `message` says what happened, in words, with the file's name and how far it got.
    void ended(FileSender::Outcome outcome, const QString &message);

private:
    struct Target
    {
        QPointer<TcpConnection> connection;
        QString peer; // kept for the words, when the connection is gone
    };

    void sendMore();
    void dropClosedTargets();
    void finishWritten();
    void finish(Outcome outcome, const QString &message);
    qint64 inFlight() const;
    QString targetsText() const;

    QFile m_file;
    QList<Target> m_targets; // the connections still taking the file
    QStringList m_cutShort; // those that closed before the end, and how far they got
    qint64 m_size = 0;
    qint64 m_queued = 0; // read from the file and queued in every connection
    bool m_paused = false;
    bool m_ended = false;
    QString m_error;
    QElapsedTimer m_clock;
};
