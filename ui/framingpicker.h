#pragma once

#include "settings.h"
#include "streamframer.h"

#include <QWidget>

class QComboBox;
class QLineEdit;

// Chooses how a TCP tab finds messages in the byte stream: none (chunks only), lines, a custom
// delimiter typed with escapes, or a big-endian length prefix.
class FramingPicker final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FramingPicker)

public:
    explicit FramingPicker(QWidget *parent = nullptr);
    ~FramingPicker() override;

    StreamFramer framer() const;
    Settings::Framing choice() const;
    void setChoice(const Settings::Framing &choice);

Q_SIGNALS:
    void framerChanged(const StreamFramer &framer);

private:
    void update();

    QComboBox *m_combo;
    QLineEdit *m_delimiterEdit;
    StreamFramer m_framer;
};
