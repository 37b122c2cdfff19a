#pragma once

#include <QStringList>

class QWidget;

// The question asked when connections that still have bytes to send must close because the
// user quits, stops a server, disconnects every client or closes a tab: send the rest first
// and close normally (FIN), or cut them off now with a reset (RST), so that each peer learns
// that the transfer was cut. A modal: the user must decide, and nothing closes meanwhile.
namespace CutOffQuestion {

enum class Answer { SendFirst, CutOff, Cancel };

// The question's objectName, and so the modal's while it is open.
inline constexpr char ObjectName[] = "cutOffQuestion";

// `action` is the command as its menu or button names it ("Quit", "Stop"), and `outcome` what
// it does whatever the answer ("Listening stops either way."); `bytes` what the peers have not
// received yet (Session::bytesNotDelivered()), and `peers` who they are ("127.0.0.1:41000").
Answer ask(QWidget *parent, const QString &action, const QString &outcome, qint64 bytes,
           const QStringList &peers);

} // namespace CutOffQuestion
