using System.Text;
using CareMarket.Councils;
using CareMarket.Files;
using CareMarket.Register;

namespace CareMarket.Tests.Councils;

/// <summary>The shipped list of England's councils with adult social care responsibilities.</summary>
public class CouncilCatalogueTests
{
    [Fact]
    public void List_Has153CurrentCouncils_WithUniqueCodes_OfTheFourKinds_InEnglandsNineRegions()
    {
        var all = CouncilCatalogue.All;
        var current = CouncilCatalogue.Current.ToList();

        current.Count.ShouldBe(153);
        all.Select(c => c.OnsCode).Distinct().Count().ShouldBe(all.Count);
        all.Where(c => c.OnsCode.Length != 9 || !new[] { "E06", "E08", "E09", "E10" }.Contains(c.OnsCode[..3])).ShouldBeEmpty();
        all.ShouldAllBe(c => CouncilCatalogue.Regions.Contains(c.Region));
        CouncilCatalogue.Regions.Count.ShouldBe(9);
        // 33 London, 36 metropolitan, 63 unitary (the Isles of Scilly among them), 21 counties.
        current.GroupBy(c => c.OnsCode[..3]).ToDictionary(g => g.Key, g => g.Count())
            .ShouldBe(new Dictionary<string, int> { ["E06"] = 63, ["E08"] = 36, ["E09"] = 33, ["E10"] = 21 }, ignoreOrder: true);
        all.Where(c => c.CassrCode is not null).Select(c => c.CassrCode).Distinct().Count()
            .ShouldBe(all.Count(c => c.CassrCode is not null));
    }

    [Fact]
    public void CeasedCouncils_NameCurrentSuccessors_ThatBeganTheDayTheyCeased()
    {
        var cumbria = CouncilCatalogue.Find("E10000006").ShouldNotBeNull();
        cumbria.Name.ShouldBe("Cumbria");
        cumbria.CeasedOn.ShouldBe(new DateOnly(2023, 4, 1));
        cumbria.SucceededBy.ShouldBe(["E06000063", "E06000064"]);

        foreach (var ceased in CouncilCatalogue.All.Where(c => !c.IsCurrent))
        {
            ceased.SucceededBy.ShouldNotBeEmpty(ceased.Name);
            foreach (var code in ceased.SucceededBy)
            {
                var successor = CouncilCatalogue.Find(code).ShouldNotBeNull($"{ceased.Name}'s successor {code}");
                successor.IsCurrent.ShouldBeTrue(successor.Name);
                successor.BeganOn.ShouldBe(ceased.CeasedOn, $"{successor.Name} begins when {ceased.Name} ceases");
            }
        }
        CouncilCatalogue.Find("E06000065")!.Name.ShouldBe("North Yorkshire");
        CouncilCatalogue.Find("E06000066")!.Name.ShouldBe("Somerset");
    }

    [Fact]
    public void NoSpelling_BelongsToTwoCurrentCouncils()
    {
        var owners = CouncilCatalogue.Current.SelectMany(c => c.Spellings().Select(s => (Spelling: s.ToUpperInvariant(), c.OnsCode)))
            .GroupBy(x => x.Spelling).Where(g => g.Select(x => x.OnsCode).Distinct().Count() > 1).Select(g => g.Key).ToList();
        owners.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("Bristol, City of", "E06000023")]
    [InlineData("bristol", "E06000023")]
    [InlineData("Kingston upon Hull, City of", "E06000010")]
    [InlineData("Herefordshire", "E06000019")]
    [InlineData("St. Helens", "E08000013")]
    [InlineData("St Helens", "E08000013")]
    [InlineData("Southend on Sea", "E06000033")]
    [InlineData("Southend-on-Sea", "E06000033")]
    [InlineData("North Yorkshire", "E06000065")]
    public void EverySpelling_FindsItsCouncil_TheCurrentOneWhenACeasedCouncilSharesIt(string spelling, string onsCode)
    {
        // As the register knows them: every council of the list, ceased ones included, with ids in list order.
        var councils = CouncilCatalogue.All.Select((c, i) => new LocalAuthority
        {
            Id = i + 1, OnsCode = c.OnsCode, Name = c.Name, Region = c.Region, CqcName = c.CqcName,
            OtherNames = string.Join('|', c.OtherNames), CeasedOn = c.CeasedOn,
        }).ToList();

        var index = LocalAuthority.BySpelling(councils);

        councils.Single(c => c.Id == index[spelling]).OnsCode.ShouldBe(onsCode);
    }

    [Theory]
    [InlineData("E08000044", "E08000004")]
    [InlineData("e08000004x", "E08000004")]
    [InlineData("Oldam", "E08000004")]
    [InlineData("Cumberlnd", "E06000063")]
    public void Closest_OffersTheCouncilAMistakeMeant(string typed, string meant)
    {
        CouncilCatalogue.Closest(typed).Select(c => c.OnsCode).ShouldContain(meant);
    }

    [Fact]
    public void Read_RefusesAMalformedList_NamingTheRowAndColumn()
    {
        const string csv = """
            ons_code,cassr_code,name,cqc_name,other_names,region,began_on,ceased_on,succeeded_by
            E08000004,,Oldham,Oldham,,North West,,1st April,
            """;

        var e = Should.Throw<ImportFileException>(() => CouncilCatalogue.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "councils.csv"));

        e.Message.ShouldBe("councils.csv, row 2, column \"ceased_on\": \"1st April\" is not a date (dd/mm/yyyy)");
    }
}
