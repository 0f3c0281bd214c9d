from arshan_data.ui import implementation

implementation.render()
