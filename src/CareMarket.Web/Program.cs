var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/", () => "CareMarket");
app.Run();

public partial class Program;
