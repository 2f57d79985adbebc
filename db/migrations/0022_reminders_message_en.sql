-- A reminder in English beside the Chinese: the text the server wrote (「请于 … 前完成 … 报送」) had
-- no English, and English pages showed it in Chinese. Null when the sender wrote the message
-- themselves: their own words are shown as written, in either language.
alter table reminders add column message_en text check (message_en is null or length(message_en) between 1 and 500);
