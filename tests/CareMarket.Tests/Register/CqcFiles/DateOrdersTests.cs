using CareMarket.Files;

namespace CareMarket.Tests.Register.CqcFiles;

/// <summary>The date-order rule on its own: what one date shows, and what a file's dates decide.</summary>
public class DateOrdersTests
{
    [Theory]
    [InlineData("29/05/2026", DateOrder.DayFirst)]
    [InlineData("13/1/2024", DateOrder.DayFirst)]
    [InlineData("05/29/2026", DateOrder.MonthFirst)]
    [InlineData("1/31/2025 12:00:00 AM", DateOrder.MonthFirst)]
    [InlineData("12/13/2024 00:00", DateOrder.MonthFirst)]
    public void ADatePastTwelve_ShowsItsOrder(string value, DateOrder shown) => DateOrders.Evidence(value).ShouldBe(shown);

    [Theory]
    [InlineData("05/06/2024")] // 5 June or 6 May
    [InlineData("1/2/2025 12:00:00 AM")]
    [InlineData("12/12/2024")] // reads the same either way
    [InlineData("2024-05-29")] // ISO: no order to show
    [InlineData("")]
    [InlineData("Not rated")]
    [InlineData("32/01/2024")] // no month has a 32nd: not evidence of anything
    public void OtherValues_ShowNothing(string value) => DateOrders.Evidence(value).ShouldBeNull();

    [Theory]
    [InlineData("05/06/2024", true)]
    [InlineData("1/2/2025 12:00:00 AM", true)]
    [InlineData("12/12/2024", false)]
    [InlineData("29/05/2026", false)]
    [InlineData("2024-06-05", false)]
    public void Ambiguous_IsADateThatReadsAsTwoDates(string value, bool ambiguous) => DateOrders.IsAmbiguous(value).ShouldBe(ambiguous);

    private static DateEvidence Gather(params (int Row, string Value)[] dates) =>
        dates.Aggregate(DateEvidence.None, (e, d) => DateOrders.Add(e, d.Row, "Publication Date", d.Value));

    [Fact]
    public void AFileWithADayPastTwelve_IsDayFirst_EvenWhenMostDatesReadBothWays()
    {
        var e = Gather((2, "05/06/2023"), (3, "01/08/2024"), (4, "29/05/2026"), (5, "02/03/2024"));
        DateOrders.Decide(e, null).ShouldBe((DateOrder.DayFirst, null));
        e.DayFirst!.Row.ShouldBe(4);
        e.Ambiguous!.Row.ShouldBe(2);
    }

    [Fact]
    public void AFileWithASecondPartPastTwelve_IsMonthFirst()
    {
        var e = Gather((2, "03/02/2026"), (3, "05/29/2026"));
        DateOrders.Decide(e, null).ShouldBe((DateOrder.MonthFirst, null));
    }

    [Fact]
    public void AFileWhoseDatesAllReadBothWays_IsRefused_AskingWhichOrder()
    {
        var (order, problem) = DateOrders.Decide(Gather((2, "05/06/2023"), (3, "01/08/2024")), null);
        order.ShouldBeNull();
        problem.ShouldNotBeNull();
        problem!.ShouldContain("row 2, column \"Publication Date\", \"05/06/2023\"");
        problem!.ShouldContain("5 June 2023 day first or 6 May 2023 month first");
        problem!.ShouldContain("Say which order the file uses");
    }

    [Fact]
    public void AFileWhoseDatesAllReadBothWays_TakesTheOrderTheImporterGives()
    {
        var e = Gather((2, "05/06/2023"));
        DateOrders.Decide(e, DateOrder.MonthFirst).ShouldBe((DateOrder.MonthFirst, null));
        DateOrders.Decide(e, DateOrder.DayFirst).ShouldBe((DateOrder.DayFirst, null));
    }

    [Fact]
    public void AFileShowingBothOrders_IsRefused_NamingARowOfEach()
    {
        var (order, problem) = DateOrders.Decide(Gather((2, "29/05/2026"), (7, "01/01/2026"), (9, "05/30/2026")), null);
        order.ShouldBeNull();
        problem!.ShouldContain("row 2, column \"Publication Date\", \"29/05/2026\" can only be day first");
        problem!.ShouldContain("row 9, column \"Publication Date\", \"05/30/2026\" can only be month first");
    }

    [Fact]
    public void AnOrderGiven_ThatTheDatesContradict_IsRefused()
    {
        var (order, problem) = DateOrders.Decide(Gather((4, "29/05/2026")), DateOrder.MonthFirst);
        order.ShouldBeNull();
        problem!.ShouldContain("said to be month first (mm/dd/yyyy), but row 4");
        problem!.ShouldContain("can only be day first");
    }

    [Fact]
    public void AFileWithoutSlashDates_NeedsNoOrder()
    {
        DateOrders.Decide(Gather((2, "2024-05-29"), (3, "12/12/2024")), null).ShouldBe((DateOrder.DayFirst, null));
        DateOrders.Decide(DateEvidence.None, DateOrder.MonthFirst).ShouldBe((DateOrder.MonthFirst, null));
    }

    [Theory]
    [InlineData("day-first", DateOrder.DayFirst)]
    [InlineData("Month first", DateOrder.MonthFirst)]
    [InlineData("month-first", DateOrder.MonthFirst)]
    public void TheOption_ReadsAsTyped(string text, DateOrder order)
    {
        DateOrders.TryParseOption(text, out var o).ShouldBeTrue();
        o.ShouldBe(order);
    }

    [Fact]
    public void AnUnknownOption_IsNotRead() => DateOrders.TryParseOption("sideways", out _).ShouldBeFalse();
}
