using System.Globalization;
using System.Text;
using CareMarket.Register;
using CareMarket.Register.CqcFiles;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace CareMarket.Bench;

/// <summary>
/// The baseline: the same rows read from the same CSV (a plain split, no checks) and written with the engine's
/// fastest plain path — PostgreSQL binary COPY, SQLite one transaction of prepared INSERTs — into Providers,
/// Services and Ratings of a fresh database. No upsert, no change detection, no current rating pointer.
/// </summary>
public static class RawInsert
{
    private sealed record Row(string LocationId, string ProviderId, string ProviderName, string? BrandId, string? BrandName,
        string Name, string ServiceType, string CqcServiceTypes, string Activities, int Specialisms, string? Street,
        string? City, string? Postcode, double? Latitude, double? Longitude, string? Phone, string? Website, string? Council,
        string? Region, bool IsCareHome, int? Beds, string? Directorate, string? Category, DateOnly? RegisteredOn,
        bool Dormant, string? Rating, DateOnly? PublishedOn);

    public static int Run(string csv, string connectionString, bool postgres)
    {
        var rows = Read(csv);
        var providers = rows.GroupBy(r => r.ProviderId).Select((g, i) => (Id: i + 1, Row: g.First())).ToList();
        var providerIds = providers.ToDictionary(p => p.Row.ProviderId, p => p.Id);
        var now = DateTime.UtcNow;
        if (postgres) Copy(connectionString, rows, providers, providerIds, now);
        else Insert(connectionString, rows, providers, providerIds, now);
        return rows.Count;
    }

    private static List<Row> Read(string path)
    {
        using var reader = new StreamReader(path, new UTF8Encoding(false, true));
        var header = Split(reader.ReadLine()!);
        int Col(string name) => Array.IndexOf(header, name);
        var types = header.Select((h, i) => (h, i)).Where(x => x.h.StartsWith("Service type - ")).Select(x => (x.i, x.h[15..])).ToArray();
        var acts = header.Select((h, i) => (h, i)).Where(x => x.h.StartsWith("Regulated activity - ")).Select(x => (x.i, x.h[21..])).ToArray();
        var bands = header.Select((h, i) => (h, i)).Where(x => x.h.StartsWith("Service user band - ")).Select(x => (x.i, x.h[20..])).ToArray();
        int id = Col("Location ID"), name = Col("Location Name"), pid = Col("Provider ID"), pname = Col("Provider Name"),
            bid = Col("Brand ID"), bname = Col("Brand Name"), street = Col("Location Street Address"), city = Col("Location City"),
            pc = Col("Location Postal Code"), lat = Col("Location Latitude"), lon = Col("Location Longitude"),
            phone = Col("Location Telephone Number"), web = Col("Location Web Address"), la = Col("Location Local Authority"),
            region = Col("Location Region"), home = Col("Care home?"), beds = Col("Care homes beds"),
            dir = Col("Location Inspection Directorate"), cat = Col("Location Primary Inspection Category"),
            start = Col("Location HSCA start date"), dormant = Col("Dormant (Y/N)"), rating = Col("Location Latest Overall Rating"),
            published = Col("Publication Date");
        var rows = new List<Row>();
        while (reader.ReadLine() is { } line)
        {
            var c = Split(line);
            string? N(int i) => c[i].Length == 0 ? null : c[i];
            DateOnly? D(int i) => c[i].Length == 0 ? null : DateOnly.ParseExact(c[i], "dd/MM/yyyy", CultureInfo.InvariantCulture);
            var t = types.Where(x => c[x.i] == "Y").Select(x => x.Item2).ToList();
            rows.Add(new Row(c[id], c[pid], c[pname], N(bid) is "-" ? null : N(bid), N(bname) is "-" ? null : N(bname), c[name],
                CqcMappings.MainServiceType(t).ToString(), string.Join("|", t),
                string.Join("|", acts.Where(x => c[x.i] == "Y").Select(x => x.Item2)),
                (int)CqcMappings.Specialisms(bands.Where(x => c[x.i] == "Y").Select(x => x.Item2)),
                N(street), N(city), N(pc), N(lat) is { } la1 ? double.Parse(la1, CultureInfo.InvariantCulture) : null,
                N(lon) is { } lo1 ? double.Parse(lo1, CultureInfo.InvariantCulture) : null, N(phone), N(web), N(la), N(region),
                c[home] == "Y", N(beds) is { } b ? int.Parse(b, CultureInfo.InvariantCulture) : null, N(dir), N(cat), D(start),
                c[dormant] == "Y", N(rating), D(published)));
        }
        return rows;
    }

    private static string[] Split(string line)
    {
        var fields = new List<string>(120);
        var sb = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else sb.Append(ch);
            }
            else if (ch == '"') quoted = true;
            else if (ch == ',') { fields.Add(sb.ToString()); sb.Clear(); }
            else sb.Append(ch);
        }
        fields.Add(sb.ToString());
        return fields.ToArray();
    }

    private static RatingWord Word(string rating) =>
        RatingWords.TryParse(rating, out var w) ? w : throw new InvalidDataException(rating);

    private static void Copy(string cs, List<Row> rows, List<(int Id, Row Row)> providers, Dictionary<string, int> providerIds, DateTime now)
    {
        using var conn = new NpgsqlConnection(cs);
        conn.Open();
        using var tx = conn.BeginTransaction();
        using (var w = conn.BeginBinaryImport("""COPY "Providers" ("Id","CqcProviderId","Name","BrandId","BrandName","UpdatedAt") FROM STDIN (FORMAT BINARY)"""))
        {
            foreach (var (id, r) in providers)
            {
                w.StartRow();
                w.Write(id, NpgsqlDbType.Integer);
                w.Write(r.ProviderId, NpgsqlDbType.Varchar);
                w.Write(r.ProviderName, NpgsqlDbType.Varchar);
                Text(w, r.BrandId);
                Text(w, r.BrandName);
                w.Write(now, NpgsqlDbType.TimestampTz);
            }
            w.Complete();
        }
        using (var w = conn.BeginBinaryImport("""
            COPY "Services" ("Id","CqcLocationId","ProviderId","Name","ServiceType","CqcServiceTypes","RegulatedActivities",
              "Specialisms","Street","City","Postcode","Latitude","Longitude","Phone","Website","CqcLocalAuthority","Region",
              "IsCareHome","RegisteredBeds","InspectionDirectorate","PrimaryInspectionCategory","RegisteredOn","Dormant",
              "Status","UpdatedAt","Version") FROM STDIN (FORMAT BINARY)
            """))
        {
            var id = 0;
            foreach (var r in rows)
            {
                w.StartRow();
                w.Write(++id, NpgsqlDbType.Integer);
                w.Write(r.LocationId, NpgsqlDbType.Varchar);
                w.Write(providerIds[r.ProviderId], NpgsqlDbType.Integer);
                w.Write(r.Name, NpgsqlDbType.Varchar);
                w.Write(r.ServiceType, NpgsqlDbType.Varchar);
                w.Write(r.CqcServiceTypes, NpgsqlDbType.Varchar);
                w.Write(r.Activities, NpgsqlDbType.Varchar);
                w.Write(r.Specialisms, NpgsqlDbType.Integer);
                Text(w, r.Street); Text(w, r.City); Text(w, r.Postcode);
                if (r.Latitude is { } lat) w.Write(lat, NpgsqlDbType.Double); else w.WriteNull();
                if (r.Longitude is { } lon) w.Write(lon, NpgsqlDbType.Double); else w.WriteNull();
                Text(w, r.Phone); Text(w, r.Website); Text(w, r.Council); Text(w, r.Region);
                w.Write(r.IsCareHome, NpgsqlDbType.Boolean);
                if (r.Beds is { } b) w.Write(b, NpgsqlDbType.Integer); else w.WriteNull();
                Text(w, r.Directorate); Text(w, r.Category);
                if (r.RegisteredOn is { } d) w.Write(d, NpgsqlDbType.Date); else w.WriteNull();
                w.Write(r.Dormant, NpgsqlDbType.Boolean);
                w.Write("Active", NpgsqlDbType.Varchar);
                w.Write(now, NpgsqlDbType.TimestampTz);
                w.Write(0, NpgsqlDbType.Integer);
            }
            w.Complete();
        }
        using (var w = conn.BeginBinaryImport("""COPY "Ratings" ("ServiceId","PublishedOn","Overall","Inherited","Source","RecordedAt") FROM STDIN (FORMAT BINARY)"""))
        {
            var id = 0;
            foreach (var r in rows)
            {
                id++;
                if (r.Rating is null || r.PublishedOn is null) continue;
                w.StartRow();
                w.Write(id, NpgsqlDbType.Integer);
                w.Write(r.PublishedOn.Value, NpgsqlDbType.Date);
                w.Write(Word(r.Rating).ToString(), NpgsqlDbType.Varchar);
                w.Write(false, NpgsqlDbType.Boolean);
                w.Write("raw", NpgsqlDbType.Varchar);
                w.Write(now, NpgsqlDbType.TimestampTz);
            }
            w.Complete();
        }
        using (var cmd = new NpgsqlCommand("""
            SELECT setval(pg_get_serial_sequence('"Providers"', 'Id'), (SELECT max("Id") FROM "Providers"));
            SELECT setval(pg_get_serial_sequence('"Services"', 'Id'), (SELECT max("Id") FROM "Services"));
            """, conn, tx))
        {
            cmd.ExecuteNonQuery();
        }
        tx.Commit();
    }

    private static void Text(NpgsqlBinaryImporter w, string? value)
    {
        if (value is null) w.WriteNull(); else w.Write(value, NpgsqlDbType.Varchar);
    }

    private static void Insert(string cs, List<Row> rows, List<(int Id, Row Row)> providers, Dictionary<string, int> providerIds, DateTime now)
    {
        using var conn = new SqliteConnection(cs);
        conn.Open();
        using var tx = conn.BeginTransaction();
        using (var cmd = Prepare(conn, tx, "Providers", ["Id", "CqcProviderId", "Name", "BrandId", "BrandName", "UpdatedAt"]))
        {
            foreach (var (id, r) in providers) Exec(cmd, id, r.ProviderId, r.ProviderName, r.BrandId, r.BrandName, now);
        }
        using (var cmd = Prepare(conn, tx, "Services", ["Id", "CqcLocationId", "ProviderId", "Name", "ServiceType", "CqcServiceTypes",
                   "RegulatedActivities", "Specialisms", "Street", "City", "Postcode", "Latitude", "Longitude", "Phone", "Website",
                   "CqcLocalAuthority", "Region", "IsCareHome", "RegisteredBeds", "InspectionDirectorate", "PrimaryInspectionCategory",
                   "RegisteredOn", "Dormant", "Status", "UpdatedAt", "Version"]))
        {
            var id = 0;
            foreach (var r in rows)
            {
                Exec(cmd, ++id, r.LocationId, providerIds[r.ProviderId], r.Name, r.ServiceType, r.CqcServiceTypes, r.Activities,
                    r.Specialisms, r.Street, r.City, r.Postcode, r.Latitude, r.Longitude, r.Phone, r.Website, r.Council, r.Region,
                    r.IsCareHome, r.Beds, r.Directorate, r.Category, r.RegisteredOn, r.Dormant, "Active", now, 0);
            }
        }
        using (var cmd = Prepare(conn, tx, "Ratings", ["ServiceId", "PublishedOn", "Overall", "Inherited", "Source", "RecordedAt"]))
        {
            var id = 0;
            foreach (var r in rows)
            {
                id++;
                if (r.Rating is null || r.PublishedOn is null) continue;
                Exec(cmd, id, r.PublishedOn, Word(r.Rating).ToString(), false, "raw", now);
            }
        }
        tx.Commit();
    }

    private static SqliteCommand Prepare(SqliteConnection conn, SqliteTransaction tx, string table, string[] columns)
    {
        var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"INSERT INTO \"{table}\" ({string.Join(",", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(",", columns.Select((_, i) => $"$p{i}"))})";
        for (var i = 0; i < columns.Length; i++) cmd.Parameters.Add(new SqliteParameter($"$p{i}", null));
        cmd.Prepare();
        return cmd;
    }

    private static void Exec(SqliteCommand cmd, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) cmd.Parameters[i].Value = values[i] ?? DBNull.Value;
        cmd.ExecuteNonQuery();
    }
}
