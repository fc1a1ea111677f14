using System.Text.RegularExpressions;
using CareMarket.Capacity;
using CareMarket.Data;
using CareMarket.Register;
using CareMarket.Web.Pages.Capacity;

namespace CareMarket.Web.Tests;

/// <summary>The capacity overview's services table (the broker's filters, a page at a time), and the one pagination partial it shares with the register.</summary>
public partial class CapacityPageTests(SharedApps apps) : IClassFixture<SharedApps>
{
    private static ServiceCapacity Service(string name, string provider, CapacityKind kind, string? area, int accepting = 0, decimal? hours = null) =>
        new(1, name, provider, kind == CapacityKind.Beds ? ServiceType.CareHomeWithoutNursing : ServiceType.Homecare, Specialism.None, area,
            kind, TestClock.Now, Freshness.Fresh, true, 10, 10 - accepting, 0, accepting, hours, null, []);

    [Fact]
    public void Filter_by_name_or_provider_kind_area_and_room()
    {
        var services = new[]
        {
            Service("Oak House", "Hawthorn Care Group", CapacityKind.Beds, "North", accepting: 2),
            Service("Elm Lodge", "Elm Care", CapacityKind.Beds, "South"),
            Service("Riverside Homecare", "Riverside Ltd", CapacityKind.Hours, null, hours: 12),
            Service("Hilltop Homecare", "Hawthorn Care Group", CapacityKind.Hours, null, hours: 0),
        };

        IndexModel.Filter(services, "hawthorn", null, null, false).Select(s => s.Name).ShouldBe(["Oak House", "Hilltop Homecare"]);
        IndexModel.Filter(services, "  lodge ", null, null, false).Single().Name.ShouldBe("Elm Lodge");
        IndexModel.Filter(services, null, CapacityKind.Hours, null, false).Count().ShouldBe(2);
        IndexModel.Filter(services, null, null, "South", false).Single().Name.ShouldBe("Elm Lodge");
        IndexModel.Filter(services, null, null, null, room: true).Select(s => s.Name).ShouldBe(["Oak House", "Riverside Homecare"]);
    }

    [Theory]
    [BothEngines]
    public async Task The_services_table_lists_fifty_a_page_and_keeps_the_filters_in_its_links(Engine engine)
    {
        var app = await apps.For(engine);
        var broker = await app.SignedInAsync(CareMarketApp.Email(Roles.Broker));

        var all = await broker.GetStringAsync("/capacity");
        var total = int.Parse(Count().Match(all).Groups["shown"].Value); // unfiltered: "900 services, page 1 of 18"
        total.ShouldBeGreaterThan(IndexModel.PageSize);
        Rows(all).ShouldBe(IndexModel.PageSize);
        all.ShouldContain("page 1 of");

        var last = await broker.GetStringAsync($"/capacity?page={(total + IndexModel.PageSize - 1) / IndexModel.PageSize}");
        Rows(last).ShouldBe(total % IndexModel.PageSize == 0 ? IndexModel.PageSize : total % IndexModel.PageSize);

        // Care homes with room now: fewer, each accepting admissions, and the next page's link keeps the filters.
        var homes = await broker.GetStringAsync("/capacity?kind=beds&room=true");
        var shown = Count().Match(homes);
        int.Parse(shown.Groups["shown"].Value).ShouldBeLessThan(total);
        homes.ShouldNotContain("Homecare</span>");
        if (homes.Contains("rel=\"next\"")) homes.ShouldContain("kind=beds&amp;room=true&amp;page=2");
    }

    [Fact]
    public async Task The_register_pages_with_the_same_pagination()
    {
        var app = await apps.For(Engine.Sqlite);
        var commissioner = await app.SignedInAsync(CareMarketApp.Email(Roles.Commissioner));

        var first = await commissioner.GetStringAsync("/register?scope=England");
        first.ShouldContain("aria-label=\"Pages of the register\"");
        first.ShouldContain("rel=\"next\"");
        first.ShouldContain("aria-current=\"page\">1</a>");
        var second = await commissioner.GetStringAsync("/register?scope=England&page=2");
        second.ShouldContain("rel=\"prev\"");
        second.ShouldContain("aria-current=\"page\">2</a>");
    }

    private static int Rows(string html)
    {
        var table = html[html.IndexOf("id=\"services-table\"", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("</table>", StringComparison.Ordinal)];
        return Regex.Matches(table, "<tr class=\"govuk-table__row\">").Count - 1; // less the header row
    }

    [GeneratedRegex(@"id=""services-count"">(?<shown>\d+)( of (?<total>\d+))? services")]
    private static partial Regex Count();
}
