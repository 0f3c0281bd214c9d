from arshan_data.ui.pages import implementation

implementation.render()
