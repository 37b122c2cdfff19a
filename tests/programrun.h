#pragma once

#include <QByteArray>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>

// A generated program, run for as long as the test needs it and killed when it goes: a Python
// program from its text (with python3, from a file of its own), or a built executable, whose
// stderr (qInfo()) is read with its stdout.
class ProgramRun
{
public:
    explicit ProgramRun(const QString &program, const QString &fileName = QStringLiteral("p.py"))
    {
        const QString path = m_dir.filePath(fileName);
        QFile file(path);
        if (file.open(QIODevice::WriteOnly))
            file.write(program.toUtf8());
        file.close();
        m_process.setWorkingDirectory(m_dir.path());
        m_process.start(QStringLiteral("python3"), { path });
    }
    struct Executable
    {
        QString path;
    };
    explicit ProgramRun(const Executable &executable)
    {
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.start(executable.path, {});
    }
    ~ProgramRun()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(2000); // cleanup only
        }
    }
    QProcess &process() { return m_process; }
    QByteArray output() const { return m_output; }

    // Waits for the output to match `pattern`; the match, or an empty match.
    QRegularExpressionMatch waitFor(const QRegularExpression &pattern, int ms = 10000)
    {
        QSignalSpy spy(&m_process, &QProcess::readyReadStandardOutput);
        const QDeadlineTimer deadline(ms);
        while (true) {
            m_output += m_process.readAllStandardOutput();
            const QRegularExpressionMatch match = pattern.match(QString::fromUtf8(m_output));
            if (match.hasMatch() || deadline.hasExpired()
                || m_process.state() == QProcess::NotRunning)
                return match;
            spy.wait(int(std::max<qint64>(1, deadline.remainingTime())));
        }
    }
    // The port of "Listening on port N" or "Bound to port N"; 0 when none came.
    quint16 port()
    {
        const QRegularExpressionMatch match
            = waitFor(QRegularExpression(QStringLiteral("port (\\d+)\\n")));
        return match.hasMatch() ? quint16(match.captured(1).toUInt()) : 0;
    }
    // Waits for it to end by itself: true when it exited with 0.
    bool finished(int ms = 10000)
    {
        if (m_process.state() != QProcess::NotRunning) {
            QSignalSpy spy(&m_process, &QProcess::finished);
            spy.wait(ms);
        }
        m_output += m_process.readAllStandardOutput();
        return m_process.state() == QProcess::NotRunning
            && m_process.exitStatus() == QProcess::NormalExit && m_process.exitCode() == 0;
    }
    QString errors() { return QString::fromUtf8(m_process.readAllStandardError()); }

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    QByteArray m_output;
};
