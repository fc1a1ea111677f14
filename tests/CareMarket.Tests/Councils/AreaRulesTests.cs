using System.Text;
using CareMarket.Councils;
using CareMarket.Files;
using CareMarket.Register;

namespace CareMarket.Tests.Councils;

/// <summary>Postcode districts, areas, and the areas file (area,kind,district).</summary>
public class AreaRulesTests
{
    [Theory]
    [InlineData("OL1", "OL1")]
    [InlineData(" ol16 ", "OL16")]
    [InlineData("SW1A", "SW1A")]
    [InlineData("M1", "M1")]
    public void ParseDistrict_TakesAnOutwardCode(string text, string district)
    {
        AreaRules.ParseDistrict(text).ShouldBe((district, null));
    }

    [Theory]
    [InlineData("OL1 1AA", "\"OL1 1AA\" is a whole postcode; give its district only (OL1)")]
    [InlineData("1OL", "\"1OL\" is not a postcode district (one or two letters, then one or two digits, as in OL1, OL16 or SW1A)")]
    [InlineData("OLD1", "\"OLD1\" is not a postcode district (one or two letters, then one or two digits, as in OL1, OL16 or SW1A)")]
    [InlineData("", "is empty; give a postcode district such as OL1")]
    public void ParseDistrict_RefusesWhatIsNotADistrict(string text, string problem)
    {
        AreaRules.ParseDistrict(text).ShouldBe((null, problem));
    }

    [Theory]
    [InlineData("locality", AreaKind.Locality)]
    [InlineData("Patch", AreaKind.HomecarePatch)]
    [InlineData("homecare patch", AreaKind.HomecarePatch)]
    [InlineData("ward", AreaKind.Ward)]
    [InlineData("borough", null)]
    public void ParseKind_KnowsTheKinds(string text, AreaKind? kind)
    {
        AreaRules.ParseKind(text).ShouldBe(kind);
    }

    [Theory]
    [InlineData("OL1 1AA", "North")]
    [InlineData("ol8 4bb", "South")]
    [InlineData("OL81AB", "South")]
    [InlineData("OL16 2XY", null)]  // a district no locality covers (the patch does not place services)
    [InlineData("OL10 1AA", null)]  // OL10 is not OL1
    [InlineData(null, null)]
    public void LocalityFor_IsTheLocalityCoveringThePostcodesDistrict(string? postcode, string? locality)
    {
        Area[] areas =
        [
            new() { Id = 1, Name = "North", Kind = AreaKind.Locality, PostcodeDistricts = "OL1 OL2" },
            new() { Id = 2, Name = "South", Kind = AreaKind.Locality, PostcodeDistricts = "OL8" },
            new() { Id = 3, Name = "East patch", Kind = AreaKind.HomecarePatch, PostcodeDistricts = "OL16 OL1" },
        ];

        AreaRules.LocalityFor(postcode, areas)?.Name.ShouldBe(locality);
        if (locality is null) AreaRules.LocalityFor(postcode, areas).ShouldBeNull();
    }

    private static IReadOnlyList<AreaDefinition> Read(string csv, IReadOnlyList<AreaDefinition>? kept = null) =>
        AreaFile.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "areas.csv", kept);

    [Fact]
    public void AreaFile_ReadsAreasInOrder_ADistrictMayBeInALocalityAndAPatch()
    {
        var areas = Read("""
            area,kind,district
            North,locality,OL1
            North,Locality,ol2
            North patch,homecare patch,OL1
            South,locality,OL8
            """);

        areas.Select(a => $"{a.Name}:{a.Kind}:{string.Join(' ', a.Districts)}")
            .ShouldBe(["North:Locality:OL1 OL2", "North patch:HomecarePatch:OL1", "South:Locality:OL8"]);
    }

    [Theory]
    [InlineData("area,kind,district\nNorth,borough,OL1\n",
        "areas.csv, row 2, column \"kind\": \"borough\" is not a kind of area; use locality, patch (or homecare patch), or ward")]
    [InlineData("area,kind,district\nNorth,locality,OL1\nNorth,locality,0L1\n",
        "areas.csv, row 3, column \"district\": \"0L1\" is not a postcode district (one or two letters, then one or two digits, as in OL1, OL16 or SW1A)")]
    [InlineData("area,kind,district\nNorth,locality,OL1\nSouth,locality,OL2\nSouth,locality,ol1\n",
        "areas.csv, row 4, column \"district\": OL1 is already in the locality \"North\" (row 2); a postcode district is in one locality only")]
    [InlineData("area,kind,district\nNorth,locality,OL1\nNorth,patch,OL2\n",
        "areas.csv, row 3, column \"kind\": \"North\" is a locality at row 2 and a homecare patch here; give a patch a name of its own (such as \"North patch\")")]
    [InlineData("area,kind,district\nNorth,locality,OL1\nNorth,locality,OL1\n",
        "areas.csv, row 3, column \"district\": OL1 is given for \"North\" twice")]
    [InlineData("area,kind,postcode\nNorth,locality,OL1\n",
        "areas.csv, row 1, column \"district\": this required column is missing from the header; a column may have been renamed; the first row must be area,kind,district")]
    [InlineData("area,kind,district\n",
        "areas.csv: the file has a header but no areas")]
    public void AreaFile_RefusesAProblem_NamingTheRowAndColumn(string csv, string message)
    {
        Should.Throw<ImportFileException>(() => Read(csv)).Message.ShouldBe(message);
    }

    [Fact]
    public void AreaFile_RefusesADistrictOfAnAreaItLeavesAsItIs_ButNotOfOneItReplaces()
    {
        AreaDefinition[] council =
        [
            new("North", AreaKind.Locality, ["OL1", "OL2"]),
            new("North patch", AreaKind.HomecarePatch, ["OL1", "OL2"]),
        ];

        Should.Throw<ImportFileException>(() => Read("area,kind,district\nSouth,locality,OL8\nSouth,locality,OL2\n", council)).Message
            .ShouldBe("areas.csv, row 3, column \"district\": OL2 is in the council's locality \"North\", which this file does not change; add \"North\" to the file without OL2, or leave OL2 out");
        // North is in the file, so OL2 may move from it to South; the patch keeps OL2, which a locality may share.
        Read("area,kind,district\nSouth,locality,OL2\nNorth,locality,OL1\n", council).Count.ShouldBe(2);
    }
}
