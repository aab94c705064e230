"""Frequent characters of Chinese official documents, in simplified and traditional forms.

Used to tell GB18030 from Big5 when bytes decode both ways: text in the right
encoding is mostly made of these characters, the wrong decoding mostly of rare
ones.  Made from the 700 most frequent Han characters of the invented
documents in samples/ and tests/fixtures/documents/, with their OpenCC
simplified and traditional forms added (955 characters).  Measured on
snippets of the real documents of ../shared/corpus (none of which went into
the list), encoded both ways: 99.9 % right at 10 characters, 100 % from 20 on.
"""

COMMON = frozenset(
    "一七万三上下不与专业东两严並个中临为主举义之九也习乡书乾了予争事二于云五些交产享亮人亿今从他代令以们件价任企伍众优会传位"
    "低住体佔余作使來例供依便促保信修個們值倾做停健偿備储傳傾價億償優儲元充先克党入內全兩八公六共关兴其具养内农决况净准出分切"
    "划列则创利到制則前副創劃力办功加务动助励势動務勢勵化北区医區十千升华协協单南占卫印厅历压厕原县参參及反发取受变口古召可台"
    "史号各合同名后向听启告员周命和品响員售商問啓善單嚴四回因团园困围固国图國圍園圖團土在地场圾均坚垃型城域執培基堅堆堤報場境"
    "增壓壮壯处备复外多夜够夠大天央失头奋套奮好如委子字存季学學宁宅守安完定宜实审客宣室害家容密寓實寧審对导将將專對導小少就局"
    "层居屆届屋展属層履屬山岗岚崗嵐川工已市布带席帶常干平年并广庄序库应底店府废度庫康廁廢廣廳建开弃式引強强当录形影彻征待律後"
    "得從復循微徵徹心必志快念态思急性总患情惠想意態應成我或战戰戶户房所才扎打执扩批承技把抓投护报担拆招持指按挥振损据排採接控"
    "推措提揮損播擅擔據擴支收改攻放政故效数整數文料新方於施旅无日旧时明春是显時景更書會月有服期未本术机权村条来東松板极构林果"
    "染查标树核根格案條检棄森業極構標模樹機檢權次款止正此步歷段每比民气氣水求汛江污決沙河油治沿況法洁洪活流测济海消涉淨深清測"
    "港游湖湾源準溪满滿演潔澜濟瀾灣火災灾点為無然照營爭爲牌牢物牵特牽状狀獲率环现班現理環生產用由申电画略畫當發白百的益监盖盘"
    "監盤目直相省看着督知短石研破础确確礎示社禁福科租积称稅程税稱稳積穩究空突立站章符第等筑策筹签算管節範篇築簽籌米类精系約納"
    "級紧細組結絡給統經綜綠維網緊線編縣總績織繞續约级纳线组细织经结绕给络统绩续维综绿编网罚置罰署美羣群義習老考者职联聚聯職聽"
    "育能臨自至臺與興舉舊般良色节若范莊获華营萬落蓋處號融衆行術街衛补表装裏補裝製要覆見規視觀见观规视解訂計訓記設許評認調請識"
    "議護變讓计订认让训议记许设评识请调象負財貫責費貿資質賬購负财责账质购贯贸费资走起超足路車較輛輸轄轉车转较辆输辖辦農边达过"
    "运近还进违连送适选递通速造連進遊運過道達違遗遞適選遺還邊邮部郵鄉配醫采里重量金銷錄鎮鏈链销镇長长門開間關门问间队防附际降"
    "限院除险隊隐際障險隱难集難雲零電需青非面革響項須預領頭題額類顧顯项须顾预领题额風风飲養餐餘館饮馆首驗验體高點黨鼓"
)
