using System.Globalization;

namespace CareMarket.Web.Govuk;

/// <summary>Money, dates and times as GOV.UK pages write them, in London time.</summary>
public static class Formats
{
    public static string Money(decimal amount) => amount.ToString("C2", CultureInfo.GetCultureInfo("en-GB"));

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));

    public static readonly TimeZoneInfo London = Data.UkTime.London;

    public static string Time(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), London).ToString("h:mmtt 'on' d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB")).Replace("AM", "am").Replace("PM", "pm");

    /// <summary>Five in the afternoon, London time, on a date, in UTC: when offers close.</summary>
    public static DateTime FivePm(DateOnly date) =>
        TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(new TimeOnly(17, 0)), London);
}
