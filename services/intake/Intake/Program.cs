using Platform.Messaging;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase();
builder.AddServiceBus();

var app = builder.Build();
app.UseServiceDefaults();
app.MapServiceRoot("/api/intake");

app.Run();
