using CareMarket.Register;
using CareMarket.Register.CqcApi;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CareMarket.Tests.Register.CqcApi;

public sealed class CqcApiClientTests : IAsyncLifetime
{
    private CqcStub stub = null!;

    public async Task InitializeAsync() => stub = await CqcStub.StartAsync();
    public async Task DisposeAsync() => await stub.DisposeAsync();

    private static async Task<List<string>> ToListAsync(IAsyncEnumerable<string> items)
    {
        var list = new List<string>();
        await foreach (var i in items) list.Add(i);
        return list;
    }

    [Fact]
    public async Task ListLocationIds_FollowsEveryPage_SendingKeyAndPartnerCode()
    {
        var client = stub.Client(perPage: 2);

        var ids = await ToListAsync(client.ListLocationIdsAsync(LocationFilter.AdultSocialCareIn("Derby")));

        ids.ShouldBe(["1-1000210669", "1-2000000002", "1-3000000003", "1-4000000004", "1-5000000005"]);
        var requests = stub.RequestsTo("/public/v1/locations");
        requests.Count.ShouldBe(3);
        requests.Select(r => r.Query["page"]).ShouldBe(["1", "2", "3"]);
        requests.ShouldAllBe(r => r.SubscriptionKey == CqcStub.SubscriptionKey);
        requests.ShouldAllBe(r => r.Query["partnerCode"] == CqcStub.PartnerCode);
        requests.ShouldAllBe(r => r.Query["localAuthority"] == "Derby" && r.Query["inspectionDirectorate"] == "Adult social care"
                                  && r.Query["perPage"] == "2");
    }

    [Fact]
    public async Task ListLocationIds_NoneMatching_IsEmpty()
    {
        var ids = await ToListAsync(stub.Client().ListLocationIdsAsync(LocationFilter.AdultSocialCareIn("Rutland")));

        ids.ShouldBeEmpty();
        stub.RequestsTo("/public/v1/locations").Count.ShouldBe(1);
    }

    [Fact]
    public async Task ChangedLocationIds_EndIsExclusive_AndEveryPageIsRead()
    {
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var end = start.AddDays(1);
        stub.AddChange(start.AddSeconds(-1), "1-before");
        stub.AddChange(start, "1-at-start");
        stub.AddChange(start.AddHours(6), "1-morning");
        stub.AddChange(start.AddHours(12), "1-noon");
        stub.AddChange(start.AddHours(13), "1-morning"); // changed twice: listed once
        stub.AddChange(start.AddHours(18), "1-evening");
        stub.AddChange(end, "1-at-end");

        var ids = await ToListAsync(stub.Client(perPage: 2).ChangedLocationIdsAsync(start, end));

        ids.ShouldBe(["1-at-start", "1-morning", "1-noon", "1-evening"]);
        var requests = stub.RequestsTo("/public/v1/changes/location");
        requests.Count.ShouldBe(2);
        requests.ShouldAllBe(r => r.Query["startTimestamp"] == "2024-01-01T00:00:00Z" && r.Query["endTimestamp"] == "2024-01-02T00:00:00Z");
        requests.ShouldAllBe(r => r.SubscriptionKey == CqcStub.SubscriptionKey && r.Query["partnerCode"] == CqcStub.PartnerCode);
    }

    [Fact]
    public async Task Throttled_429_IsRetried_HonouringRetryAfter()
    {
        stub.Throttled["1-1000210669"] = 2;
        var delays = new List<TimeSpan>();

        var location = await stub.Client(delays).GetLocationAsync("1-1000210669");

        location.ShouldNotBeNull().Name.ShouldBe("Abbey Lodge Nursing Home");
        stub.RequestsTo("/public/v1/locations/1-1000210669").Count.ShouldBe(3);
        delays.ShouldBe([TimeSpan.FromSeconds(CqcStub.RetryAfterSeconds), TimeSpan.FromSeconds(CqcStub.RetryAfterSeconds)]);
    }

    [Fact]
    public async Task ServerError_RetriedUpToMaxAttempts_ThenOneClearException()
    {
        stub.Broken["1-2000000002"] = true;
        var delays = new List<TimeSpan>();

        var error = await Should.ThrowAsync<CqcApiException>(() => stub.Client(delays, maxAttempts: 5).GetLocationAsync("1-2000000002"));

        error.Attempts.ShouldBe(5);
        error.LastStatus.ShouldBe(500);
        error.Url.ShouldStartWith(stub.BaseAddress + "/locations/1-2000000002?");
        error.Message.ShouldContain(error.Url);
        error.Message.ShouldContain("500");
        error.Message.ShouldContain("5 attempts");
        error.Message.ShouldNotContain(CqcStub.SubscriptionKey);
        stub.RequestsTo("/public/v1/locations/1-2000000002").Count.ShouldBe(5);
        // Waits between attempts only, growing (with jitter of ±25%, each is still longer than the last).
        delays.Count.ShouldBe(4);
        for (var i = 1; i < delays.Count; i++) delays[i].ShouldBeGreaterThan(delays[i - 1]);
        delays[0].ShouldBeInRange(TimeSpan.FromSeconds(0.75), TimeSpan.FromSeconds(1.25));
    }

    [Fact]
    public async Task WrongKey_FailsAtOnce_NamingTheStatus()
    {
        var error = await Should.ThrowAsync<CqcApiException>(() => stub.Client(key: "wrong").GetLocationAsync("1-1000210669"));

        error.Attempts.ShouldBe(1);
        error.LastStatus.ShouldBe(401);
        error.Message.ShouldContain("Cqc:ApiKey");
    }

    [Fact]
    public async Task UnknownLocationOrProvider_IsNull()
    {
        var client = stub.Client();

        (await client.GetLocationAsync("1-0")).ShouldBeNull();
        (await client.GetProviderAsync("1-0")).ShouldBeNull();
    }

    [Fact]
    public async Task Location_IsMapped_AndProviderIsRead()
    {
        var client = stub.Client();

        var location = (await client.GetLocationAsync("1-2000000002"))!;
        var provider = (await client.GetProviderAsync(location.ProviderId))!;

        location.ServiceType.ShouldBe(ServiceType.Homecare);
        location.Rating!.Overall.ShouldBe(RatingWord.Good);
        provider.Name.ShouldBe("Brightside Care Group Ltd");
        provider.LocationIds.ShouldBe(["1-2000000002", "1-5000000005"]);
        stub.Requests.ShouldAllBe(r => r.Query["partnerCode"] == CqcStub.PartnerCode && r.SubscriptionKey == CqcStub.SubscriptionKey);
    }

    [Fact]
    public async Task Unreachable_IsRetried_ThenReportedWithNoStatus()
    {
        var port = new Uri(stub.BaseAddress.ToString()).Port;
        await stub.DisposeAsync();
        var client = new CqcApiClient(new HttpClient(), new CqcApiOptions(new Uri($"http://127.0.0.1:{port}/public/v1"), "k", "p", MaxAttempts: 3),
            (_, _) => Task.CompletedTask);

        var error = await Should.ThrowAsync<CqcApiException>(() => client.GetProviderAsync("1-101641521"));

        error.Attempts.ShouldBe(3);
        error.LastStatus.ShouldBeNull();
        error.Message.ShouldContain("no response");
        stub = await CqcStub.StartAsync(); // for DisposeAsync
    }
}

public class CqcApiOptionsTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void FromConfiguration_ReadsTheCqcSection_WithDefaults()
    {
        var options = CqcApiOptions.FromConfiguration(Config(("Cqc:ApiKey", "k"), ("Cqc:PartnerCode", "p")))!;

        options.BaseAddress.ShouldBe(CqcApiOptions.DefaultBaseAddress);
        (options.SubscriptionKey, options.PartnerCode, options.PerPage, options.MaxAttempts).ShouldBe(("k", "p", 500, 5));
        CqcApiOptions.FromConfiguration(Config(("Cqc:ApiKey", "k"), ("Cqc:PartnerCode", "p"),
            ("Cqc:BaseAddress", "http://localhost:5999/public/v1"), ("Cqc:PerPage", "100"), ("Cqc:MaxAttempts", "3")))!
            .ShouldBe(new CqcApiOptions(new Uri("http://localhost:5999/public/v1"), "k", "p", 100, 3));
    }

    [Fact]
    public void FromConfiguration_WithoutKey_IsNull_AndKeyWithoutPartnerCodeIsAnError()
    {
        CqcApiOptions.FromConfiguration(Config()).ShouldBeNull();
        Should.Throw<InvalidOperationException>(() => CqcApiOptions.FromConfiguration(Config(("Cqc:ApiKey", "k"))));
    }

    [Fact]
    public void AddCqcApi_RegistersATypedClient()
    {
        var services = new ServiceCollection();
        services.AddCqcApi(new CqcApiOptions(new Uri("http://localhost/public/v1"), "k", "p")).ShouldBeTrue();
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<CqcApiClient>().ShouldNotBeNull();
        new ServiceCollection().AddCqcApi(null).ShouldBeFalse();
    }
}
