using System.Globalization;
using System.Text;

using CareMarket.Testing;

namespace CareMarket.Bench;

/// <summary>Writes a national-scale active locations CSV: the real header (the tests' catalogue) and realistic values.</summary>
public static class Generator
{
    public static readonly string[] RegulatedActivities = CqcCatalogue.RegulatedActivities;

    public static readonly string[] ServiceTypes = CqcCatalogue.ServiceTypes;

    public static readonly string[] ServiceUserBands = CqcCatalogue.ServiceUserBands;

    public static readonly string[] Header = CqcCatalogue.ActiveHeader;

    private static readonly string[] Ratings = ["Good", "Good", "Good", "Outstanding", "Requires improvement", "Inadequate", ""];
    private static readonly string[] Regions = ["London", "South East", "South West", "East of England", "East Midlands",
        "West Midlands", "Yorkshire and The Humber", "North West", "North East"];
    private static readonly string[] Councils = ["Derby", "Derbyshire", "Nottingham", "Leicester", "Birmingham", "Leeds",
        "Kent", "Westminster", "Cornwall", "Manchester", "Bristol, City of", "Hampshire"];

    /// <summary>Every row is adult social care, so every row is written: the heaviest case for the importer.</summary>
    public static void Write(string path, int rows)
    {
        var random = new Random(20261124);
        using var w = new StreamWriter(path, false, new UTF8Encoding(true), 1 << 16);
        w.Write(string.Join(",", Header.Select(Quote)));
        w.Write("\r\n");
        var cells = new string[Header.Length];
        var index = Header.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => x.i);
        void Set(string column, string value) => cells[index[column]] = value;
        for (var i = 0; i < rows; i++)
        {
            Array.Fill(cells, "");
            var kind = random.Next(100);
            var careHome = kind < 40;
            var provider = random.Next(rows / 3 + 1);
            var rating = Ratings[random.Next(Ratings.Length)];
            Set("Location ID", $"1-{1_000_000_000 + i}");
            Set("Location ODS Code", $"VN{i:D5}");
            Set("Location Name", $"{(careHome ? "Care Home" : "Care Agency")} {i}, {Councils[i % Councils.Length]}");
            Set("Care home?", careHome ? "Y" : "N");
            Set("Location Type/Sector", "Social Care Org");
            Set("Location Inspection Directorate", "Adult social care");
            Set("Location Primary Inspection Category", careHome ? "Residential social care" : "Community based adult social care services");
            Set("Location Latest Overall Rating", rating);
            Set("Publication Date", rating.Length == 0 ? "" : new DateOnly(2019, 1, 1).AddDays(random.Next(2000)).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
            Set("Location HSCA start date", new DateOnly(2010, 10, 1).AddDays(random.Next(5000)).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
            Set("Dormant (Y/N)", random.Next(50) == 0 ? "Y" : "N");
            Set("Care homes beds", careHome ? random.Next(4, 120).ToString(CultureInfo.InvariantCulture) : "");
            Set("Location Street Address", $"{random.Next(1, 300)} {(random.Next(2) == 0 ? "High Street" : "Station Road")}");
            Set("Location City", Councils[i % Councils.Length]);
            Set("Location County", "Shire");
            Set("Location Postal Code", $"DE{random.Next(1, 75)} {random.Next(1, 9)}{(char)('A' + random.Next(26))}{(char)('A' + random.Next(26))}");
            Set("Location Telephone Number", $"01{random.Next(100_000_000, 999_999_999)}");
            Set("Location Web Address", random.Next(3) == 0 ? $"www.care{i}.example.org" : "");
            Set("Location Region", Regions[i % Regions.Length]);
            Set("Location NHS Region", "Midlands");
            Set("Location Local Authority", Councils[i % Councils.Length]);
            Set("Location ONSPD CCG Code", "E38000229");
            Set("Location ONSPD CCG", "NHS Derby and Derbyshire ICB - 15M");
            Set("Location Parliamentary Constituency", "Derby South");
            Set("Location Latitude", (50 + random.NextDouble() * 5).ToString("F6", CultureInfo.InvariantCulture));
            Set("Location Longitude", (-4 + random.NextDouble() * 5).ToString("F6", CultureInfo.InvariantCulture));
            Set("Brand ID", provider % 10 == 0 ? $"BD{provider % 500}" : "-");
            Set("Brand Name", provider % 10 == 0 ? $"BRAND Group {provider % 500}" : "-");
            Set("Provider ID", $"1-{100_000_000 + provider}");
            Set("Provider Name", $"Provider {provider} Ltd");
            Set("Provider Type/Sector", "Social Care Org");
            Set("Provider Ownership Type", "Organisation");
            Set("Provider Street Address", "1 Provider Way");
            Set("Provider Postal Code", "DE1 1AA");
            foreach (var a in RegulatedActivities) Set("Regulated activity - " + a, "N");
            foreach (var t in ServiceTypes) Set("Service type - " + t, "N");
            foreach (var b in ServiceUserBands) Set("Service user band - " + b, random.Next(3) == 0 ? "Y" : "N");
            if (careHome)
            {
                Set("Regulated activity - Accommodation for persons who require nursing or personal care", "Y");
                if (kind < 15) { Set("Service type - Care home service with nursing", "Y"); Set("Regulated activity - Nursing care", "Y"); }
                Set("Service type - Care home service without nursing", kind < 15 && random.Next(2) == 0 ? "N" : "Y");
            }
            else
            {
                Set("Regulated activity - Personal care", "Y");
                Set("Service type - Domiciliary care service", "Y");
                if (kind > 85) Set("Service type - Supported living service", "Y");
                if (kind == 99) Set("Service type - Extra Care housing services", "Y");
            }
            for (var c = 0; c < cells.Length; c++)
            {
                if (c > 0) w.Write(',');
                w.Write(Quote(cells[c]));
            }
            w.Write("\r\n");
        }
    }

    private static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;
}
