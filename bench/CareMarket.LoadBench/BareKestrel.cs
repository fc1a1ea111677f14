using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CareMarket.LoadBench;

/// <summary>
/// The floor: a minimal WebApplication on Kestrel, in a process of its own like the app, answering the same PUT with
/// 204 after reading and parsing the JSON body. Nothing else: no auth, no database, no logging below warnings.
/// </summary>
public static class BareKestrel
{
    public static async Task<int> RunAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapGet("/ready", () => "ok");
        app.MapPut("/api/v1/capacity/services/{id:int}", async (int id, HttpRequest request) =>
        {
            using var body = await JsonDocument.ParseAsync(request.Body);
            return body.RootElement.ValueKind == JsonValueKind.Object ? Results.NoContent() : Results.BadRequest();
        });
        await app.RunAsync();
        return 0;
    }
}
