Console.WriteLine("caremarket");
