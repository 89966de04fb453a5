using System.Text.Json;

namespace SafeSocial.Web.Mail;

/// <summary>Development mail: each message is a JSON file in the data folder, listed at /dev/mailbox.</summary>
public sealed class FolderMailSender(string folder, TimeProvider clock) : IMailSender
{
    public string Folder { get; } = folder;

    public async Task SendAsync(OutgoingMail mail, CancellationToken ct = default)
    {
        Directory.CreateDirectory(Folder);
        var sent = clock.GetUtcNow();
        var file = Path.Combine(Folder, $"{sent:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(new StoredMail(sent, mail.To, mail.Subject, mail.Body)), ct);
    }

    public IReadOnlyList<StoredMail> Read() =>
        !Directory.Exists(Folder) ? [] : Directory.GetFiles(Folder, "*.json")
            .OrderByDescending(f => f, StringComparer.Ordinal)
            .Select(f => JsonSerializer.Deserialize<StoredMail>(File.ReadAllText(f))!)
            .ToList();
}

public sealed record StoredMail(DateTimeOffset Sent, string To, string Subject, string Body);
