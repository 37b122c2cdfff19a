// Must NOT build: sockscope_core links only Qt Core and Network (see tests/CMakeLists.txt).
#include <QWidget>

int main()
{
    QWidget widget;
    return widget.isVisible() ? 1 : 0;
}
