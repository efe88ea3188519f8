"""The public vacancy board (/lowongan): open vacancies of verified companies for anyone, each on
its own page with schema.org JobPosting data, a WhatsApp share link, a printable poster and a
weekly notice for RT/RW boards."""
