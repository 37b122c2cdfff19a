#pragma once

#include "net/faultspec.h"

#include <QGroupBox>
#include <QMargins>

#include <memory>

namespace Ui {
class FaultControls;
}

// The faults on purpose of a session that answers by itself (the UDP tab, the TCP server's
// auto-reply): drop %, delay (fixed, or a random range), duplicate % and reorder %.
//
// The box's check is the switch: unchecked, it folds away to its title and no fault is made;
// checked, its fields show, with "Faults are on" in colour beside them (and the tab's status line
// says which: summary()), so that a lossy session never looks like a normal one. Never saved in
// the settings: a session that came back lossy after a restart, without anyone asking, would
// look broken.
class FaultControls final : public QGroupBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FaultControls)

public:
    explicit FaultControls(QWidget *parent = nullptr);
    ~FaultControls() override;

    // What the fields say while the box is checked; no fault while it is not.
    FaultSpec spec() const;
    // Fills the fields and checks the box when `spec` sets a fault; unchecks it when not.
    void setSpec(const FaultSpec &spec);
    // False for a stream (TCP): duplicate and reorder are off, and their tooltips say why.
    void setDatagrams(bool datagrams);
    // "Faults: drop 50%": for a status line; empty while no fault is made.
    QString summary() const;

Q_SIGNALS:
    void specChanged(const FaultSpec &spec);

private:
    void fold(bool shown);
    void fieldsChanged();

    std::unique_ptr<Ui::FaultControls> m_ui;
    QMargins m_margins; // the box's, while its fields show
    bool m_datagrams = true;
};
