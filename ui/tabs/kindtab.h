#pragma once

#include "tabs/sessiontab.h"

#include <memory>

// The tab of one kind: its session, of its own class, and its controls, a Designer form (the
// `Form` of uic, e.g. Ui::UdpTab) built above the body every tab shares.
template<typename SessionKindClass, typename Form>
class KindTab : public SessionTab
{
public:
    SessionKindClass *session() const { return static_cast<SessionKindClass *>(baseSession()); }

protected:
    KindTab(const Context &context, ControlsHeight height, QWidget *parent)
        : SessionTab(context, new SessionKindClass, parent)
        , m_ui(std::make_unique<Form>())
    {
        auto *controls = new QWidget(this);
        m_ui->setupUi(controls);
        setControls(controls, height);
    }

    const std::unique_ptr<Form> m_ui;
};
